// What every card needs besides its own slice of the summary: the language, the words, the sources of
// each figure and how to link to a Sellsy record.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { FigureSource, Summary } from '@/lib/summary/types';
import { strings, type Strings } from './i18n';

/** A link to a record in Sellsy's web app, or null when we do not know its page. */
export type LinkFor = (type: string, id: number) => string | null;

export interface PanelEnv {
  lang: string;
  s: Strings;
  summary: Summary;
  linkFor: LinkFor;
}

export const EnvContext = createContext<PanelEnv | null>(null);

export function useEnv(): PanelEnv {
  const env = useContext(EnvContext);
  if (!env) throw new Error('panel cards must be rendered inside <EnvContext.Provider>');
  return env;
}

export function makeEnv(summary: Summary, linkFor: LinkFor): PanelEnv {
  return { lang: summary.language, s: strings(summary.language), summary, linkFor };
}

/** The sources of a figure: its own path, else the nearest parent path that has some. */
export function sourcesFor(summary: Summary, path: string): FigureSource | null {
  const all = summary.sources;
  if (!all) return null;
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const found = all[p];
    if (found) return found;
  }
  return null;
}
