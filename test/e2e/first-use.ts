// A new user's first install, walked through in a real browser: the welcome page opens by itself, its button
// opens the options, the company's app is typed (or preset), Sign in with Sellsy, Sellsy's window (e-mail,
// password, Authorize), back in the options "signed in" with the account named, the large client in Sellsy,
// its "Résumé" control, five cards. Each browser's check drives it with its own library and records it here:
// every click and key press the user makes is counted as the test makes it (typing text aside), each step is
// timed, the screenshots are kept, and one line sums it up (test-results/first-use.json holds every browser's).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FakeSellsy } from '../sellsy/server';
import { assert } from './check';

/** The screenshots of a walk, in order: test-results/first-use-<browser>-<step>.png. */
export const SHOTS = ['1-welcome', '2-options', '3-sellsy-sign-in', '4-signed-in', '5-panel'] as const;
export type Shot = (typeof SHOTS)[number];

/** The moments a walk passes through, in order (wall-clock ms, time spent aside taken out). */
export type Milestone =
  | 'launched'
  | 'welcome painted'
  | 'options shown'
  | 'sign-in clicked'
  | 'Sellsy window shown'
  | 'authorized'
  | 'signed in'
  | 'client page shown'
  | 'control clicked'
  | 'five cards';

/** Each reported step: from one milestone to a later one. */
const STEPS: [string, Milestone, Milestone][] = [
  ['launch → welcome painted', 'launched', 'welcome painted'],
  ['welcome → options', 'welcome painted', 'options shown'],
  ['options: the app typed (or found preset)', 'options shown', 'sign-in clicked'],
  ['sign-in', 'sign-in clicked', 'signed in'],
  ['  Sign in → Sellsy’s window', 'sign-in clicked', 'Sellsy window shown'],
  ['  Authorize → signed in, account named', 'authorized', 'signed in'],
  ['open the client', 'signed in', 'client page shown'],
  ['first summary (Résumé → five cards)', 'control clicked', 'five cards'],
];

export interface FirstUseResult {
  browser: string;
  clicks: number;
  /** What each click or key press was, in order. */
  actions: string[];
  /** Step name → ms (see STEPS); absent when the walk stopped before it. */
  steps: Record<string, number>;
  welcomeToFiveCardsMs: number | null;
  launchToFiveCardsMs: number | null;
  /** Screenshots, test setup: taken out of every time above. */
  asideMs: number;
  /** The panel's own figures for the first summary: request → five cards painted, → complete. */
  panel: { figuresPaintedAt: number | null; paintedAt: number | null };
  screenshots: string[];
  notes: string[];
  at: string;
}

export interface Walk {
  /** A click or key press the user makes; `what` names it. */
  act<T>(what: string, fn: () => Promise<T>): Promise<T>;
  /** Text the user types: not counted as clicks. */
  type<T>(fn: () => Promise<T>): Promise<T>;
  /** Something the user does not do (a screenshot, the test's own setup): its time is left out. */
  aside<T>(fn: () => Promise<T>): Promise<T>;
  mark(m: Milestone, wallMs?: number): void;
  shot(step: Shot, take: (path: string) => Promise<unknown>): Promise<void>;
  note(line: string): void;
  panel(times: FirstUseResult['panel']): void;
  readonly clicks: number;
  result(): FirstUseResult;
  /** The one line for the run's output, e.g. "first use (Chromium): 9 clicks, welcome → five cards 8.4 s (…)". */
  line(): string;
}

const sec = (ms: number | null | undefined) => (ms == null ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);

/** `browser` is how the line names it ("Chromium"); `slug` names the screenshots ("chromium"). */
export function createWalk(opts: { browser: string; slug: string; outDir: string; launchedAt: number }): Walk {
  const actions: string[] = [];
  const marks = new Map<Milestone, number>([['launched', opts.launchedAt]]);
  const screenshots: string[] = [];
  const notes: string[] = [];
  /** [start, end] wall-clock ms of everything done aside. */
  const asides: [number, number][] = [];
  const asideBefore = (t: number) => asides.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, t) - a), 0);
  let panel: FirstUseResult['panel'] = { figuresPaintedAt: null, paintedAt: null };
  const span = (a: Milestone, b: Milestone) => {
    const x = marks.get(a);
    const y = marks.get(b);
    return x === undefined || y === undefined ? null : Math.round(y - x);
  };
  const walk: Walk = {
    async act(what, fn) {
      actions.push(what);
      return fn();
    },
    type: (fn) => fn(),
    async aside(fn) {
      const t0 = Date.now();
      try {
        return await fn();
      } finally {
        asides.push([t0, Date.now()]);
      }
    },
    mark(m, wallMs = Date.now()) {
      // On the walk's own clock: what was done aside before that moment does not count.
      marks.set(m, wallMs - asideBefore(wallMs));
    },
    async shot(step, take) {
      const name = `first-use-${opts.slug}-${step}.png`;
      await walk.aside(() => take(resolve(opts.outDir, name)));
      screenshots.push(`test-results/${name}`);
    },
    note: (line) => void notes.push(line),
    panel: (times) => {
      panel = times;
    },
    get clicks() {
      return actions.length;
    },
    result() {
      const steps: Record<string, number> = {};
      for (const [name, a, b] of STEPS) {
        const ms = span(a, b);
        if (ms !== null) steps[name.trim()] = ms;
      }
      return {
        browser: opts.browser,
        clicks: actions.length,
        actions: [...actions],
        steps,
        welcomeToFiveCardsMs: span('welcome painted', 'five cards'),
        launchToFiveCardsMs: span('launched', 'five cards'),
        asideMs: asideBefore(Number.POSITIVE_INFINITY),
        panel,
        screenshots: [...screenshots],
        notes: [...notes],
        at: new Date().toISOString(),
      };
    },
    line() {
      const r = walk.result();
      return (
        `first use (${opts.browser}): ${r.clicks} clicks, welcome → five cards ${sec(r.welcomeToFiveCardsMs)} ` +
        `(sign-in ${sec(r.steps['sign-in'])}, first summary ${sec(r.steps['first summary (Résumé → five cards)'])}); ` +
        `launch → five cards ${sec(r.launchToFiveCardsMs)}`
      );
    },
  };
  return walk;
}

/** The step-by-step lines of a walk, for the run's output under its summary line. */
export function stepLines(r: FirstUseResult): string[] {
  const lines = STEPS.filter(([name]) => r.steps[name.trim()] !== undefined).map(([name]) => `  ${name}: ${sec(r.steps[name.trim()])}`);
  return [
    ...lines,
    `  clicks and keys: ${r.actions.map((a, i) => `${i + 1}. ${a}`).join('; ')}`,
    `  left out of the times: ${sec(r.asideMs)} of screenshots and test setup`,
    ...r.notes.map((n) => `  ${n}`),
    `  screenshots: ${r.screenshots.join(', ')}`,
  ];
}

/** Adds (or replaces) one browser's walk in test-results/first-use.json, keeping the other browsers' runs. */
export function saveFirstUse(outDir: string, r: FirstUseResult): void {
  const file = resolve(outDir, 'first-use.json');
  let all: Record<string, FirstUseResult> = {};
  if (existsSync(file)) {
    try {
      all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, FirstUseResult>;
    } catch {
      all = {}; // a file cut by an interrupted run: start again
    }
  }
  all[r.browser] = r;
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}

/** Polls `fn` until it gives a value; on time-out, says what `seen` last showed. */
export async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeout: number, seen?: () => Promise<unknown>): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) {
      const last = seen ? await seen().catch((e: unknown) => String(e)) : undefined;
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last === undefined ? '' : `; last seen ${JSON.stringify(last)}`}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Token requests the fake saw, as "grant status". */
export function grants(sellsy: FakeSellsy): string[] {
  return sellsy.log
    .filter((r) => r.path.startsWith('/oauth2/access-tokens') && r.method === 'POST')
    .map((r) => `${new URLSearchParams(typeof r.body === 'string' ? r.body : '').get('grant_type') ?? 'json'} ${r.status}`);
}

/**
 * The first summary, the same in both browsers: the panel names the client picked in the list, every API
 * request came with the signed-in user's token (no client-credentials grant), and the walk notes its figures.
 */
export function checkFirstSummary(
  walk: Walk,
  sellsy: FakeSellsy,
  shown: { clientName: string | null; listed: string },
  times: { figuresPaintedAt: number | null; paintedAt: number | null },
): void {
  assert(shown.clientName === shown.listed, `the panel names "${shown.clientName}", the list "${shown.listed}"`);
  const api = sellsy.log.filter((r) => r.path.startsWith('/v2/'));
  assert(api.length > 0 && api.every((r) => r.account === 'invoicing'), 'the summary did not come from the signed-in account');
  assert(!grants(sellsy).some((g) => g.startsWith('client_credentials')), `token requests: ${grants(sellsy).join(', ')}`);
  walk.note(
    `first summary: ${api.length} API requests; the panel's own figures: five cards ${times.figuresPaintedAt} ms, complete ${times.paintedAt} ms`,
  );
}
