// @vitest-environment happy-dom
// Hostile data in the local Sellsy, through the command line (a real `tsx scripts/summary.ts` process)
// and through the panel (rendered in happy-dom with the Summary the command produced): markup and
// scripts in names, subjects and notes, a 1 MB note, bidi/zero-width/emoji, malformed amounts and
// dates, an id on two pages, unknown enum values. No script runs; no NaN, Infinity or Invalid Date
// anywhere; every value left out is named in `warnings`.
// The seeded hostile client (test/sellsy/seed.ts) already carries the markup, bidi marks and the 1 MB
// note; this file adds the malformed values on top of it.
import { act, cleanup } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Summary } from '@/lib/summary/types';
import { DEMO, HOSTILE_CLIENT_ID } from '@/test/sellsy/demo';
import { type FakeSellsy, startSellsy } from '@/test/sellsy/server';
import { runSummaryCommand } from '../cli/run-command';
import { PAGE, setup } from '../panel/harness';

const TODAY = '2026-11-29';
type Obj = Record<string, any>;
let sellsy: FakeSellsy;
let before: Summary;
let after: Summary;
let afterJson: string;
const rejected: { id: number; what: string }[] = [];
const unknownEnums: number[] = [];
let addedSent = 0;
let duplicateId = 0;

function runCli() {
  return runSummaryCommand(['company', String(HOSTILE_CLIENT_ID), '--today', TODAY, '--json', '--no-ai'], {
    SELLSY_API_URL: sellsy.apiUrl,
    SELLSY_TOKEN_URL: sellsy.tokenUrl,
    SELLSY_CLIENT_ID: DEMO.clientId,
    SELLSY_CLIENT_SECRET: DEMO.clientSecret,
  });
}

const related = (d: Obj) => (d.related as Obj[]).some((r) => r.type === 'company' && r.id === HOSTILE_CLIENT_ID);

function poison(db: Obj) {
  const invoice = db.invoices.find((i: Obj) => related(i) && i.status === 'paid')!;
  let next = 990_000;
  const clone = (o: Obj, over: (c: Obj) => void) => {
    const c = structuredClone(o);
    c.id = next++;
    c.number = `H-${c.id}`;
    over(c);
    return c;
  };
  const bad: [string, (c: Obj) => void][] = [
    [
      'total_excl_tax 1e309',
      (c) => {
        c.amounts.total_excl_tax = '1e309';
      },
    ],
    [
      'total_incl_tax empty',
      (c) => {
        c.amounts.total_incl_tax = '';
      },
    ],
    [
      'total_excl_tax null',
      (c) => {
        c.amounts.total_excl_tax = null;
      },
    ],
    [
      'date 2026-13-45',
      (c) => {
        c.date = '2026-13-45';
      },
    ],
    [
      'date 0000-00-00',
      (c) => {
        c.date = '0000-00-00';
      },
    ],
    [
      'due_date 0000-00-00',
      (c) => {
        c.due_date = '0000-00-00';
      },
    ],
  ];
  for (const [what, f] of bad) {
    const c = clone(invoice, f);
    db.invoices.push(c);
    rejected.push({ id: c.id, what });
  }
  // "-0.00" is a well-formed decimal: kept, and it must not print as "-0.00" or NaN anywhere.
  db.invoices.push(
    clone(invoice, (c) => {
      c.amounts.total_excl_tax = '-0.00';
      c.amounts.total_incl_tax = '-0.00';
      c.amounts.total_remaining_due_incl_tax = '-0.00';
      c.rows = [];
    }),
  );
  // Unknown enum values: kept, never counted, reported.
  const unknownInvoice = clone(invoice, (c) => {
    c.status = 'teleported';
  });
  db.invoices.push(unknownInvoice);
  unknownEnums.push(unknownInvoice.id);

  // Enough sent estimates for two pages, and one of them served again on the second page.
  const estimate = db.estimates.find((e: Obj) => related(e))!;
  const existing = db.estimates.filter((e: Obj) => related(e)).length;
  const clones: Obj[] = [];
  for (let i = 0; i < 105; i++) {
    clones.push(
      clone(estimate, (c) => {
        c.status = 'sent';
        c.date = '2026-11-20';
        c.expire_date = '2026-12-20';
        c.subject = `Devis <b onmouseover=alert(1)>${i}</b>`;
      }),
    );
  }
  db.estimates.push(...clones);
  addedSent = clones.length;
  // Ordered by id, ties kept in array order: this copy sits right after its twin, at index 100.
  const twin = clones[99 - existing]!;
  duplicateId = twin.id;
  const dup = structuredClone(twin);
  dup.subject = 'second copy: must not be counted';
  db.estimates.splice(db.estimates.indexOf(twin) + 1, 0, dup);
  const unknownEstimate = clone(estimate, (c) => {
    c.status = 'hologram';
  });
  db.estimates.push(unknownEstimate);
  unknownEnums.push(unknownEstimate.id);
}

beforeAll(async () => {
  sellsy = await startSellsy({ today: TODAY });
  const first = await runCli();
  if (first.code !== 0) throw new Error(first.stderr);
  before = JSON.parse(first.stdout) as Summary;
  poison(sellsy.db.accounts.invoicing as unknown as Obj);
  sellsy.resetLog();
  const second = await runCli();
  if (second.code !== 0) throw new Error(second.stderr);
  afterJson = second.stdout;
  after = JSON.parse(afterJson) as Summary;
}, 180_000);
afterAll(async () => {
  await sellsy?.close();
});
afterEach(cleanup);

const FORBIDDEN = /NaN|Infinity|Invalid Date|undefined|\[object Object\]/;

describe('hostile data through the command line', () => {
  it('the JSON holds no NaN, Infinity, Invalid Date or "-0.00"', () => {
    expect(afterJson).not.toMatch(FORBIDDEN);
    expect(afterJson).not.toContain('"-0.00"');
    expect(after.client.id).toBe(HOSTILE_CLIENT_ID);
  });

  it('names every invoice left out for a malformed amount or date in the warnings', () => {
    for (const r of rejected) {
      expect(
        after.warnings.some((w) => w.includes(String(r.id))),
        `${r.what} (invoice ${r.id}): ${JSON.stringify(after.warnings)}`,
      ).toBe(true);
    }
  });

  // Spec: an unknown status is never counted and is reported once, naming the value (not each document).
  it('reports the unknown statuses by value and does not count them', () => {
    for (const status of ['teleported', 'hologram']) {
      expect(
        after.warnings.filter((w) => w.includes(status)),
        JSON.stringify(after.warnings),
      ).toHaveLength(1);
    }
    expect(afterJson).not.toContain(`"id":${unknownEnums[0]}`);
    expect(afterJson).not.toContain(`"id":${unknownEnums[1]}`);
  });

  it('an estimate served on two pages is counted once', () => {
    const pages = sellsy.log.filter((e) => e.path.includes('/estimates/search'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(after.openDocuments.estimatesSent.count).toBe(before.openDocuments.estimatesSent.count + addedSent);
    const ids = after.openDocuments.estimatesSent.items.map((i) => (i as { id: number }).id);
    expect(ids.filter((id) => id === duplicateId).length).toBeLessThanOrEqual(1);
    expect(afterJson).not.toContain('second copy: must not be counted');
  });

  it('the figures did not move, but for the well-formed "-0.00" invoice counted as one more purchase of zero', () => {
    expect(after.relationship.totalPurchases).toBe(before.relationship.totalPurchases);
    expect(after.salesOverview.byYear.map((y) => [y.year, y.total])).toEqual(before.salesOverview.byYear.map((y) => [y.year, y.total]));
    const count = (s: Summary) => s.salesOverview.byYear.reduce((n, y) => n + y.count, 0);
    expect(count(after)).toBe(count(before) + 1);
  });
});

describe('hostile data through the panel', () => {
  for (const which of ['before', 'after'] as const) {
    it(`renders the hostile client (${which} the malformed values) with no script, handler or broken number`, () => {
      const alert = vi.fn();
      vi.stubGlobal('alert', alert);
      try {
        const summary = which === 'before' ? before : after;
        const t = setup();
        act(() => {
          t.model.setPage({ ...PAGE, id: HOSTILE_CLIENT_ID });
          t.model.show();
        });
        act(() => t.emit({ type: 'summary', summary, phase: 'texts', savedAt: '2026-11-29T08:00:00.000Z', stale: false, requests: 12 }));
        const root = t.root()!;
        expect(root.dataset.state).toBe('ready');
        const html = root.outerHTML;
        const text = root.textContent ?? '';
        expect(text).not.toMatch(FORBIDDEN);
        expect(root.querySelectorAll('script, iframe, object, embed')).toHaveLength(0);
        for (const el of root.querySelectorAll('*')) {
          for (const a of el.getAttributeNames()) expect(a.startsWith('on'), `${el.tagName} ${a}`).toBe(false);
          const href = el.getAttribute('href');
          if (href) expect(href).not.toMatch(/^\s*javascript:/i);
        }
        expect(root.querySelector('img[src="x"]')).toBeNull();
        expect(root.querySelector('b')).toBeNull(); // the subjects' markup is text, not elements
        // Names lose their markup as text (lib/format/crm-name.ts): neither elements nor "<script>" on screen,
        // and the name's words are there, in the order they were typed.
        expect(root.querySelector('[data-client-name]')?.textContent).toBe('Société evitsoh Zéro 🦄');
        expect(html).not.toContain('<script>alert');
        expect(alert).not.toHaveBeenCalled();
        // Every value left out is listed in the panel's warnings, naming its document.
        const listed = [...root.querySelectorAll('details.warnings li')].map((li) => li.textContent ?? '');
        expect(listed).toHaveLength(summary.warnings.length);
        if (which === 'after')
          for (const r of rejected)
            expect(
              listed.some((w) => w.includes(String(r.id))),
              r.what,
            ).toBe(true);
        // No bidi override or zero-width character survives in a name: it could reorder the figures around it.
        for (const el of root.querySelectorAll('[data-client-name], .fig-label, .doc-name, [data-doc^="opportunity:"]'))
          expect(el.textContent ?? '', el.className).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
      } finally {
        vi.unstubAllGlobals();
      }
    });
  }
});
