// The words of a summary shown in phases (lib/summary/build.ts): the top products while the documents'
// details arrive, the Copy button meanwhile, and the command line's progress, which names the phases.
import { type Lang, pick } from './lang';

const fr = {
  /** "n of N documents read", under the top products while they fill in. */
  detailsRead: (read: string, total: string) =>
    read === '0' || read === '1' ? `${read} document lu sur ${total}` : `${read} documents lus sur ${total}`,
  partialProducts: 'Listes provisoires : les documents les plus récents sont lus en premier.',
  readingDocuments: 'Lecture des documents…',
  copyWhenComplete: 'La copie sera possible une fois tous les documents lus.',
  /** The command line's progress line: the phase, then what it reads. */
  cliPhase: (n: number, name: string) => `Étape ${n}/3 (${name})`,
  cliPhases: { lists: 'listes', details: 'détail des documents', texts: 'textes' },
  cliDetails: (read: number, total: number) => (read < 2 ? `${read} document lu sur ${total}` : `${read} documents lus sur ${total}`),
  cliWriting: 'rédaction',
};

export type ProgressiveWords = typeof fr;

const en: ProgressiveWords = {
  detailsRead: (read, total) => `${read} of ${total} documents read`,
  partialProducts: 'Provisional lists: the newest documents are read first.',
  readingDocuments: 'Reading the documents…',
  copyWhenComplete: 'Copying is possible once every document is read.',
  cliPhase: (n, name) => `Phase ${n}/3 (${name})`,
  cliPhases: { lists: 'lists', details: 'document details', texts: 'texts' },
  cliDetails: (read, total) => `${read} of ${total} documents read`,
  cliWriting: 'writing',
};

export const PROGRESSIVE_WORDS: Record<Lang, ProgressiveWords> = { fr, en };

export function progressiveWords(lang: string): ProgressiveWords {
  return pick(PROGRESSIVE_WORDS, lang);
}
