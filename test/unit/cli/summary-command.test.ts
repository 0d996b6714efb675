// End-to-end runs of `tsx scripts/summary.ts` against the local Sellsy, one per demo client. Key figures are
// compared with an independent re-computation from the fake's seeded records (./independent.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../../lib/summary/types';
import {
  DEMO,
  DEMO_SALES,
  EMPTY_CLIENT_ID,
  HOSTILE_CLIENT_ID,
  INDIVIDUAL_CLIENT_ID,
  LARGE_CLIENT_ID,
  PROSPECT_ID,
  SUPPLIER_ID,
} from '../../sellsy/demo';
import { type FakeSellsy, startSellsy } from '../../sellsy/server';
import { schemaErrors } from '../cards/schema';
import { expectedFigures } from './independent';
import { type CommandRun, runSummaryCommand } from './run-command';

const TODAY = '2026-11-29';
let sellsy: FakeSellsy;

beforeAll(async () => {
  sellsy = await startSellsy({ today: TODAY });
});
afterAll(async () => {
  await sellsy?.close();
});

type Run = CommandRun;

function runCli(args: string[], env: Record<string, string> = {}, creds: { clientId: string; clientSecret: string } | null = DEMO): Promise<Run> {
  return runSummaryCommand(args, {
    SELLSY_API_URL: sellsy.apiUrl,
    SELLSY_TOKEN_URL: sellsy.tokenUrl,
    ...(creds ? { SELLSY_CLIENT_ID: creds.clientId, SELLSY_CLIENT_SECRET: creds.clientSecret } : {}),
    ...env,
  });
}

function parseOne(stdout: string): Summary {
  // Exactly one JSON document and nothing else: JSON.parse refuses any trailing text.
  return JSON.parse(stdout) as Summary;
}

const T = 120_000;

describe('summary command, demo invoicing account', () => {
  it(
    'large client, French: valid JSON whose key figures match an independent computation',
    async () => {
      const r = await runCli(['company', String(LARGE_CLIENT_ID), '--today', TODAY, '--json', '--no-ai', '--lang', 'fr']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe(''); // not a TTY: no progress
      const s = parseOne(r.stdout);
      expect(schemaErrors(s)).toBeNull();
      const want = expectedFigures(sellsy.db.accounts.invoicing, 'company', LARGE_CLIENT_ID, TODAY, 'invoicing');
      expect(s.language).toBe('fr');
      expect(s.sourceMode).toBe('invoicing');
      expect(s.currency).toBe(want.currency);
      expect(s.relationship.totalPurchases).toBe(want.totalPurchases);
      expect(s.salesOverview.byYear).toEqual(want.byYear);
      expect(s.openDocuments.invoicesLate!.count).toBe(want.invoicesLateCount);
      expect(s.openDocuments.invoicesLate!.total).toBe(want.invoicesLateTotal);
      expect(s.salesOverview.averageBasket).toBe(want.averageBasket);
      expect(s.excludedOtherCurrency).toBeGreaterThan(0);
      expect(s.recommendations.items.length).toBeGreaterThanOrEqual(2);
      expect(s.interactions.generatedBy).toBe('rules');
    },
    T,
  );

  it(
    'large client, English text rendering: the five cards, amounts formatted',
    async () => {
      const r = await runCli(['company', String(LARGE_CLIENT_ID), '--today', TODAY, '--no-ai', '--lang', 'en']);
      expect(r.code, r.stderr).toBe(0);
      const want = expectedFigures(sellsy.db.accounts.invoicing, 'company', LARGE_CLIENT_ID, TODAY, 'invoicing');
      for (const title of ['1. Client relationship', '2. Open documents', '3. Sales overview', '4. Latest interactions', '5. Recommendations']) {
        expect(r.stdout).toContain(title);
      }
      const formatted = new Intl.NumberFormat('en', { style: 'currency', currency: want.currency!, minimumFractionDigits: 2 }).format(
        Number(want.totalPurchases),
      );
      expect(r.stdout).toContain(`Total purchases: ${formatted}`);
      expect(r.stdout).not.toMatch(/^\s*\{/);
    },
    T,
  );

  it(
    'individual client (JSON, figures checked)',
    async () => {
      const r = await runCli(['individual', String(INDIVIDUAL_CLIENT_ID), '--today', TODAY, '--json', '--no-ai']);
      expect(r.code, r.stderr).toBe(0);
      const s = parseOne(r.stdout);
      expect(schemaErrors(s)).toBeNull();
      expect(s.client.type).toBe('individual');
      const want = expectedFigures(sellsy.db.accounts.invoicing, 'individual', INDIVIDUAL_CLIENT_ID, TODAY, 'invoicing');
      expect(s.relationship.totalPurchases).toBe(want.totalPurchases);
      expect(s.salesOverview.byYear).toEqual(want.byYear);
      expect(s.salesOverview.averageBasket).toBe(want.averageBasket);
      expect(s.openDocuments.invoicesLate!.count).toBe(want.invoicesLateCount);
    },
    T,
  );

  it(
    'empty client: nulls, zeros and still two recommendations',
    async () => {
      const r = await runCli(['company', String(EMPTY_CLIENT_ID), '--today', TODAY, '--json', '--no-ai']);
      expect(r.code, r.stderr).toBe(0);
      const s = parseOne(r.stdout);
      expect(schemaErrors(s)).toBeNull();
      expect(s.relationship).toEqual({ firstPurchase: null, lastPurchase: null, totalPurchases: null });
      expect(s.salesOverview.byYear.map((y) => y.count)).toEqual([0, 0, 0]);
      expect(s.salesOverview.averageBasket).toBeNull();
      expect(s.interactions.items).toEqual([]);
      expect(s.recommendations.items).toHaveLength(2);
    },
    T,
  );

  it(
    'hostile client: markup is stripped from texts and the JSON stays valid',
    async () => {
      const r = await runCli(['company', String(HOSTILE_CLIENT_ID), '--today', TODAY, '--json', '--no-ai']);
      expect(r.code, r.stderr).toBe(0);
      const s = parseOne(r.stdout);
      expect(schemaErrors(s)).toBeNull();
      for (const i of s.interactions.items) expect(i.text).not.toMatch(/<script|<img/i);
      expect(s.interactions.summary).not.toMatch(/<script|<img/i);
      const want = expectedFigures(sellsy.db.accounts.invoicing, 'company', HOSTILE_CLIENT_ID, TODAY, 'invoicing');
      expect(s.relationship.totalPurchases).toBe(want.totalPurchases);
      const text = await runCli(['company', String(HOSTILE_CLIENT_ID), '--today', TODAY, '--no-ai']);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/^5\. /m);
      expect(text.stdout).not.toMatch(/[\u001b\u202e\u202c\u200b\ufeff]/);
    },
    T,
  );

  it.each([
    [PROSPECT_ID, 'prospect'],
    [SUPPLIER_ID, 'supplier'],
  ])(
    '%s is not a client: one line on stderr, exit 2, nothing on stdout',
    async (id, type) => {
      const r = await runCli(['company', String(id), '--today', TODAY, '--json', '--no-ai']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(type);
    },
    T,
  );
});

describe('summary command, sales-only account', () => {
  it(
    'large client: figures from accepted estimates, invoice-only figures null',
    async () => {
      const r = await runCli(['company', String(LARGE_CLIENT_ID), '--today', TODAY, '--json', '--no-ai'], {}, DEMO_SALES);
      expect(r.code, r.stderr).toBe(0);
      const s = parseOne(r.stdout);
      expect(schemaErrors(s)).toBeNull();
      expect(s.sourceMode).toBe('sales');
      expect(s.openDocuments.invoicesToPay).toBeNull();
      expect(s.openDocuments.invoicesLate).toBeNull();
      expect(s.salesOverview.averagePaymentDelayDays).toBeNull();
      expect(s.salesOverview.latePayments).toBeNull();
      const want = expectedFigures(sellsy.db.accounts.sales, 'company', LARGE_CLIENT_ID, TODAY, 'sales');
      expect(s.relationship.totalPurchases).toBe(want.totalPurchases);
      expect(s.salesOverview.byYear).toEqual(want.byYear);
      expect(s.salesOverview.averageBasket).toBe(want.averageBasket);
    },
    T,
  );
});

describe('summary command, failures: one clear line, non-zero exit, no stack trace', () => {
  const oneLine = (r: Run) => {
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };
  it(
    'bad credentials',
    async () => {
      const r = await runCli(['company', String(LARGE_CLIENT_ID), '--json'], {}, { clientId: DEMO.clientId, clientSecret: 'wrong' });
      expect(r.code).toBe(1);
      oneLine(r);
      expect(r.stderr).toMatch(/credentials/i);
      expect(r.stderr).not.toContain('wrong');
    },
    T,
  );
  it(
    'unknown id',
    async () => {
      const r = await runCli(['company', '999999', '--json', '--today', TODAY]);
      expect(r.code).toBe(1);
      oneLine(r);
      expect(r.stderr).toContain('999999');
    },
    T,
  );
  it(
    'unreachable API',
    async () => {
      const r = await runCli(['company', '1', '--json'], { SELLSY_API_URL: 'http://127.0.0.1:9/v2', SELLSY_TOKEN_URL: 'http://127.0.0.1:9/token' });
      expect(r.code).toBe(1);
      oneLine(r);
      expect(r.stderr).toMatch(/reach/i);
    },
    T,
  );
  it(
    'no credentials',
    async () => {
      const r = await runCli(['company', '1'], {}, null);
      expect(r.code).not.toBe(0);
      oneLine(r);
      expect(r.stderr).toContain('SELLSY_CLIENT_ID');
    },
    T,
  );
  it.each([
    [['company']],
    [['shop', '1']],
    [['company', '-3']],
    [['company', '1', '--today', '2026-02-30']],
    [['company', '1', '--lang', 'de']],
    [['company', '1', '--source', 'x']],
    [['company', '1', '--bogus']],
  ])(
    'bad arguments %j',
    async (args) => {
      const r = await runCli(args);
      expect(r.code).toBe(64);
      oneLine(r);
      expect(r.stderr).toContain('usage:');
    },
    T,
  );
});
