// The command's argument and environment reading, and its I/O rules, in-process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFromEnv, EXIT, envLanguage, parseArgs, runSummaryCli, UsageError } from '../../../lib/summary/cli';
import { DEMO, EMPTY_CLIENT_ID, LARGE_CLIENT_ID, PROSPECT_ID } from '../../sellsy/demo';
import { type FakeSellsy, startSellsy } from '../../sellsy/server';

describe('parseArgs', () => {
  it('reads the positional record and every option, in either form', () => {
    expect(parseArgs(['company', '42'])).toEqual({ kind: 'company', id: 42, today: null, ai: true, json: false, lang: null, source: 'auto' });
    expect(parseArgs(['--json', 'individual', '7', '--today=2024-02-29', '--no-ai', '--lang', 'en', '--source=sales'])).toEqual({
      kind: 'individual',
      id: 7,
      today: '2024-02-29',
      ai: false,
      json: true,
      lang: 'en',
      source: 'sales',
    });
  });
  it.each([
    [[]],
    [['company']],
    [['company', '1', '2']],
    [['prospect', '1']],
    [['company', '0']],
    [['company', '1.5']],
    [['company', '99999999999999999']],
    [['company', '1', '--today']],
    [['company', '1', '--today', '2025-02-29']],
    [['company', '1', '--lang', 'fr-FR']],
    [['company', '1', '--json=x', '--x']],
  ])('refuses %j with a UsageError', (argv) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
  });
  it.each([
    [['company', '1', '--bogus'], 'unknown option --bogus'],
    [['company', '-3'], 'unknown option -3'],
    [['company', '1', '-x'], 'unknown option -x'],
    [['company', '1', '--today'], '--today needs a value'],
    [['company', '1', '--today', '--json'], '--today needs a value'],
    [['company', '1', '--json=x'], '--json takes no value'],
    [['company', '1', '--lang', 'de'], '--lang expects fr or en, got "de"'],
    [['company', '1', 'more'], 'unexpected argument more'],
  ])('says what is wrong with %j in one line', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });
  it('takes what follows -- as positionals, and --help wins over other mistakes', () => {
    expect(parseArgs(['--json', '--', 'company', '5'])).toMatchObject({ kind: 'company', id: 5, json: true });
    expect(() => parseArgs(['--', 'company', '-3'])).toThrow(new UsageError('the id is a positive integer, got "-3"'));
  });
  it.each([[['--help']], [['-h', 'company']], [['--bogus', '--help']], [['company', '1', '--today', '-h']]])(
    '%j prints the usage on stdout and exits 0, whatever else is wrong',
    async (argv) => {
      let stdout = '';
      let stderr = '';
      const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), stderrIsTty: false, now: () => new Date() };
      expect(await runSummaryCli(argv, {}, io)).toBe(EXIT.ok);
      expect(stdout).toMatch(/^usage: summary/);
      expect(stderr).toBe('');
    },
  );
});

describe('environment', () => {
  it('client credentials win over a token; a token alone works; nothing is an error', () => {
    expect(authFromEnv({ SELLSY_CLIENT_ID: 'a', SELLSY_CLIENT_SECRET: 'b', SELLSY_ACCESS_TOKEN: 't' })).toEqual({
      kind: 'client-credentials',
      clientId: 'a',
      clientSecret: 'b',
    });
    expect(authFromEnv({ SELLSY_ACCESS_TOKEN: ' t ' })).toEqual({ kind: 'token', accessToken: 't' });
    expect(() => authFromEnv({ SELLSY_CLIENT_ID: 'a' })).toThrow(UsageError);
  });
  it('reads the language from LC_ALL, LC_MESSAGES then LANG', () => {
    expect(envLanguage({ LANG: 'fr_FR.UTF-8' })).toBe('fr_FR');
    expect(envLanguage({ LC_ALL: 'en_GB.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('en_GB');
    expect(envLanguage({})).toBeNull();
  });
});

describe('runSummaryCli I/O', () => {
  let sellsy: FakeSellsy;
  beforeAll(async () => {
    sellsy = await startSellsy({ today: '2026-11-29' });
  });
  afterAll(async () => {
    await sellsy?.close();
  });
  const env = () => ({
    SELLSY_API_URL: sellsy.apiUrl,
    SELLSY_TOKEN_URL: sellsy.tokenUrl,
    SELLSY_CLIENT_ID: DEMO.clientId,
    SELLSY_CLIENT_SECRET: DEMO.clientSecret,
  });
  async function run(argv: string[], tty: boolean) {
    let stdout = '';
    let stderr = '';
    const code = await runSummaryCli(argv, env(), {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      stderrIsTty: tty,
      now: () => new Date(2026, 10, 29, 12),
    });
    return { code, stdout, stderr };
  }
  it('progress goes to stderr on a terminal only, and is cleared before the result', async () => {
    const quiet = await run(['company', String(EMPTY_CLIENT_ID), '--json', '--no-ai'], false);
    expect(quiet.code).toBe(EXIT.ok);
    expect(quiet.stderr).toBe('');
    const tty = await run(['company', String(EMPTY_CLIENT_ID), '--json', '--no-ai'], true);
    expect(tty.code).toBe(EXIT.ok);
    // The progress line names the phase it is in (lib/summary/cli-progress.ts); this client has no detail to read.
    expect(tty.stderr).toContain('Phase 1/3 (lists): client record');
    expect(tty.stderr).not.toContain('Phase 2/3');
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(JSON.parse(tty.stdout).client.id).toBe(EMPTY_CLIENT_ID);
  });
  it('on a large client the progress goes through the phases, and --json prints the complete summary only', async () => {
    const tty = await run(['company', String(LARGE_CLIENT_ID), '--json', '--no-ai'], true);
    expect(tty.code).toBe(EXIT.ok);
    const lines = tty.stderr.split('\r\x1b[K').filter(Boolean);
    const first2 = lines.findIndex((l) => l.startsWith('Phase 2/3 (document details)'));
    expect(lines.findIndex((l) => l.startsWith('Phase 1/3 (lists)'))).toBeLessThan(first2);
    expect(lines.some((l) => /^Phase 2\/3 \(document details\): \d+ of \d+ documents read…$/.test(l))).toBe(true);
    const out = JSON.parse(tty.stdout);
    expect(out).not.toHaveProperty('partial');
    expect(out.salesOverview.topProductsByQuantity.length).toBeGreaterThan(0);
    expect(tty.stdout).not.toContain('rows-pending');
  });
  it('the progress speaks French with --lang fr', async () => {
    const tty = await run(['company', String(EMPTY_CLIENT_ID), '--no-ai', '--lang', 'fr'], true);
    expect(tty.stderr).toContain('Étape 1/3 (listes) : fiche client');
  });
  it('--today defaults to the local date of now', async () => {
    const r = await run(['company', String(EMPTY_CLIENT_ID), '--json', '--no-ai'], false);
    expect(JSON.parse(r.stdout).today).toBe('2026-11-29');
  });
  it('--lang overrides the staff language', async () => {
    const r = await run(['company', String(EMPTY_CLIENT_ID), '--no-ai', '--lang', 'en'], false);
    expect(r.stdout).toContain('1. Client relationship');
  });
  it('a prospect exits 2 with one line naming its type', async () => {
    const r = await run(['company', String(PROSPECT_ID), '--no-ai'], false);
    expect(r.code).toBe(EXIT.notClient);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^company \d+ \(.+\) is a prospect, not a client: there is no summary for it\.\n$/);
  });
  it('--help prints the usage on stdout', async () => {
    const r = await run(['--help'], false);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/^usage: summary/);
  });
});
