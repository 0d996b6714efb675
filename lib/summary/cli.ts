// The command-line summary (`npm run --silent summary -- company 48201 --today 2026-11-29 --json`): argument
// and environment reading, the one pipeline (build.ts), and output. stdout carries the summary only; every
// message goes to stderr in one line, with no stack trace. The script in scripts/ only wires process I/O.

import { parseArgs as parseArgv } from 'node:util';
import { aiSettingsFromEnv } from '../ai/settings';
import type { SourceModeSetting } from '../client/data';
import { isIsoDate, localDate } from '../dates';
import { crmName } from '../format/crm-name';
import { toSafeJson } from '../format/json';
import { terminalSafe } from '../format/terminal';
import { renderText } from '../format/text';
import { insecureUrlMessage, isSecureUrl } from '../http/secure-url';
import { createSellsyApi } from '../sellsy/api';
import type { AuthConfig } from '../sellsy/auth';
import { SellsyError } from '../sellsy/errors';
import { SELLSY_API_URL, SELLSY_TOKEN_URL } from '../sellsy/hosts';
import { type BuildPhase, buildClientSummary } from './build';
import { createCliProgress } from './cli-progress';
import type { Summary } from './types';

export const EXIT = { ok: 0, error: 1, notClient: 2, usage: 64 } as const;

/** Back to the line's start and erase it: the progress line rewrites itself. The one escape code we print. */
const PROGRESS_PREFIX = '\r\x1b[K';

export const USAGE =
  'usage: summary <company|individual> <id> [--today YYYY-MM-DD] [--no-ai] [--json] [--lang fr|en] [--source auto|invoicing|sales]';

export interface CliArgs {
  kind: 'company' | 'individual';
  id: number;
  today: string | null;
  ai: boolean;
  json: boolean;
  lang: 'fr' | 'en' | null;
  source: SourceModeSetting;
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress is shown only on a terminal. */
  stderrIsTty: boolean;
  now: () => Date;
  fetch?: typeof fetch;
}

export class UsageError extends Error {}
class HelpRequested extends Error {}

const OPTIONS = {
  today: { type: 'string' },
  'no-ai': { type: 'boolean' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  source: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** parseArgs's own errors, in the words of the usage line; the option they name is quoted in its message. */
function usageErrorOf(e: unknown): UsageError {
  const code = (e as { code?: unknown })?.code;
  const message = e instanceof Error ? e.message : String(e);
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return new UsageError(`unknown option ${option}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const type = OPTIONS[option.replace(/^--/, '') as keyof typeof OPTIONS]?.type;
    return new UsageError(type === 'boolean' ? `${option} takes no value` : `${option} needs a value`);
  }
  return new UsageError(message.split('\n')[0]!);
}

/** The options and positionals as node:util reads them; its errors become usage errors. */
function readArgv(argv: string[]) {
  try {
    return parseArgv({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    // --help wins over whatever else is wrong on the line.
    const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
    if (options.includes('--help') || options.includes('-h')) throw new HelpRequested();
    throw usageErrorOf(e);
  }
}

export function parseArgs(argv: string[]): CliArgs {
  const { values, positionals } = readArgv(argv);
  if (values.help) throw new HelpRequested();
  const args: Omit<CliArgs, 'kind' | 'id'> = { today: null, ai: !values['no-ai'], json: values.json === true, lang: null, source: 'auto' };
  if (values.today !== undefined) {
    if (!isIsoDate(values.today)) throw new UsageError(`--today expects a calendar date YYYY-MM-DD, got ${JSON.stringify(values.today)}`);
    args.today = values.today;
  }
  if (values.lang !== undefined) {
    const v = values.lang;
    if (v !== 'fr' && v !== 'en') throw new UsageError(`--lang expects fr or en, got ${JSON.stringify(v)}`);
    args.lang = v;
  }
  if (values.source !== undefined) {
    const v = values.source;
    if (v !== 'auto' && v !== 'invoicing' && v !== 'sales')
      throw new UsageError(`--source expects auto, invoicing or sales, got ${JSON.stringify(v)}`);
    args.source = v;
  }
  if (positionals.length !== 2)
    throw new UsageError(positionals.length < 2 ? 'a record type and an id are needed' : `unexpected argument ${positionals[2]}`);
  const [kind, idText] = positionals as [string, string];
  if (kind !== 'company' && kind !== 'individual') throw new UsageError(`the record type is company or individual, got ${JSON.stringify(kind)}`);
  if (!/^[1-9]\d{0,15}$/.test(idText) || !Number.isSafeInteger(Number(idText)))
    throw new UsageError(`the id is a positive integer, got ${JSON.stringify(idText)}`);
  return { kind, id: Number(idText), ...args };
}

export function authFromEnv(env: Record<string, string | undefined>): AuthConfig {
  const token = env.SELLSY_ACCESS_TOKEN?.trim();
  const clientId = env.SELLSY_CLIENT_ID?.trim();
  const clientSecret = env.SELLSY_CLIENT_SECRET?.trim();
  if (clientId && clientSecret) return { kind: 'client-credentials', clientId, clientSecret };
  if (token) return { kind: 'token', accessToken: token };
  throw new UsageError('no Sellsy credentials: set SELLSY_CLIENT_ID and SELLSY_CLIENT_SECRET, or SELLSY_ACCESS_TOKEN');
}

/** An address from the environment, or `fallback` when unset: a URL, and https unless it is this computer. */
export function urlFromEnv(env: Record<string, string | undefined>, name: string, fallback: string): string {
  const value = env[name]?.trim();
  if (!value) return fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} is not a URL`);
  }
  if (!isSecureUrl(url)) throw new UsageError(insecureUrlMessage(name));
  return value;
}

/** The user's language as the environment tells it (LC_ALL, LC_MESSAGES, LANG), e.g. "fr_FR.UTF-8" → "fr_FR". */
export function envLanguage(env: Record<string, string | undefined>): string | null {
  const v = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  return v ? v.split('.')[0]! : null;
}

function errorLine(e: unknown, args: CliArgs | null, apiUrl: string): string {
  if (e instanceof UsageError) return `${e.message} (${USAGE})`;
  if (e instanceof SellsyError) {
    switch (e.kind) {
      case 'auth':
        return `Sellsy refused the credentials (${e.message}). Check SELLSY_CLIENT_ID/SELLSY_CLIENT_SECRET or SELLSY_ACCESS_TOKEN.`;
      case 'not-found':
        return args ? `No ${args.kind} with id ${args.id} in this Sellsy account (${e.message}).` : e.message;
      case 'network':
        return `Cannot reach the Sellsy API at ${apiUrl} (${e.message}).`;
      case 'timeout':
        return `The Sellsy API at ${apiUrl} did not answer in time (${e.message}).`;
      case 'forbidden':
      case 'payment-required':
        return `Sellsy refused access (${e.message}).`;
      case 'quota':
        return `Sellsy's request quota is exhausted for now (${e.message}). Try again later.`;
      default:
        return `Sellsy error (${e.kind}): ${e.message}`;
    }
  }
  const m = e instanceof Error ? e.message : String(e);
  return `The summary could not be computed: ${m.split('\n')[0]}`;
}

export async function runSummaryCli(argv: string[], env: Record<string, string | undefined>, rawIo: CliIo): Promise<number> {
  // Every message and the summary text are made terminal-safe here: Sellsy's error texts and CRM names are not ours.
  const io: CliIo = { ...rawIo, stderr: (t) => rawIo.stderr(safeLines(t)) };
  let apiUrl = env.SELLSY_API_URL?.trim() || SELLSY_API_URL;
  let args: CliArgs | null = null;
  let progressShown = false;
  let figures: Summary | null = null;
  let json = false;
  const clearProgress = () => {
    if (progressShown) io.stderr(PROGRESS_PREFIX);
    progressShown = false;
  };
  try {
    args = parseArgs(argv);
    json = args.json;
    const auth = authFromEnv(env);
    apiUrl = urlFromEnv(env, 'SELLSY_API_URL', SELLSY_API_URL);
    const tokenUrl = urlFromEnv(env, 'SELLSY_TOKEN_URL', SELLSY_TOKEN_URL);
    if (args.ai) urlFromEnv(env, 'OPENAI_BASE_URL', '');
    const api = createSellsyApi({
      apiUrl,
      tokenUrl,
      auth,
      ...(io.fetch ? { fetch: io.fetch } : {}),
      // Oddities met end up in the summary's warnings; nothing else is printed.
      onWarning: () => undefined,
    });
    const now = io.now();
    const ai = args.ai ? aiSettingsFromEnv(env) : null;
    const progress = io.stderrIsTty
      ? createCliProgress(args.lang ?? envLanguage(env) ?? 'en', !!ai?.enabled, (line) => {
          io.stderr(`${PROGRESS_PREFIX}${line}`);
          progressShown = true;
        })
      : null;
    const result = await buildClientSummary(
      { api },
      {
        ref: { kind: args.kind, id: args.id },
        today: args.today ?? localDate(now),
        now,
        languageSetting: args.lang ?? 'auto',
        browserLanguage: envLanguage(env),
        sourceModeSetting: args.source,
        ai: ai?.enabled ? ai : null,
        // Only a complete summary is printed: a partial one (phases lists and details) is progress.
        onSummary: (s: Summary, phase: BuildPhase) => {
          if (phase === 'figures') figures = s;
          progress?.onSummary(s, phase);
        },
        ...(progress ? { onProgress: progress.onProgress } : {}),
      },
    );
    clearProgress();
    if (result.status === 'not-client') {
      io.stderr(
        `${result.client.kind} ${result.client.id} (${crmName(result.client.name)}) is a ${result.thirdType}, not a client: there is no summary for it.\n`,
      );
      return EXIT.notClient;
    }
    io.stdout(args.json ? jsonOut(result.summary) : renderText(result.summary, result.summary.language));
    return EXIT.ok;
  } catch (e) {
    clearProgress();
    if (e instanceof HelpRequested) {
      rawIo.stdout(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (figures) {
      // The figures were computed; only the language model's texts failed: the rules' texts stand.
      const shown: Summary = figures;
      io.stderr(`The language model's texts could not be generated (${errorLine(e, args, apiUrl)}); the rules' texts are shown.\n`);
      io.stdout(json ? jsonOut(shown) : renderText(shown, shown.language));
      return EXIT.ok;
    }
    io.stderr(`${errorLine(e, args, apiUrl)}\n`);
    return e instanceof UsageError ? EXIT.usage : EXIT.error;
  }
}

/** The summary as JSON: the same value, with no character a terminal would act on. */
function jsonOut(summary: Summary): string {
  return `${toSafeJson(summary)}\n`;
}

/**
 * What goes to stderr: our progress line keeps its own \r and erase-line code; any other text is made
 * terminal-safe, each message on one line (its final newline kept).
 */
function safeLines(text: string): string {
  if (text.startsWith(PROGRESS_PREFIX)) return PROGRESS_PREFIX + terminalSafe(text.slice(PROGRESS_PREFIX.length), { oneLine: true });
  const ends = text.endsWith('\n');
  return terminalSafe(ends ? text.slice(0, -1) : text, { oneLine: true }) + (ends ? '\n' : '');
}
