// The panel as a rep reads it, measured in real Chromium with real layout (happy-dom has none):
// (U1) every card of the demo's longest values — the large client and the hostile client, and the sales-only
//      account — in French and English: nothing overflows the 420 px panel, no label is wider than its column,
//      no word of a label breaks across lines; screenshots of the sales and recommendations cards.
// (U2) axe-core on the panel (loading, ready, error, not-a-client) and the options page: no serious or critical
//      violation.
// (U3) the keyboard alone: focus order, visible focus, a figure opened with Enter, Escape.
// (U4) the status line (a live region) announces the load's progress and its result.
// Everything inside the panel is reached through panelRoot/inPanel (test/e2e/panel-page.ts). Code run in the page
// declares no named function: tsx would wrap it in a __name() the page lacks.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { BrowserContext, ElementHandle, Page } from 'playwright-core';
import { DEMO, DEMO_SALES, HOSTILE_CLIENT_ID, LARGE_CLIENT_ID, PROSPECT_ID } from '../sellsy/demo';
import type { FakeSellsy } from '../sellsy/server';
import { clickToolbar, currentWorker } from './launch';
import { gotoRecord, inPanel, panelRoot, panelState, setPanelOpen, waitInPanel, waitState } from './panel-page';

export interface UxContext {
  context: BrowserContext;
  extensionId: string;
  sellsy: FakeSellsy;
  outDir: string;
  check: (name: string, fn: () => Promise<string | undefined>) => Promise<boolean>;
  extensionRequest: <T>(type: string, payload: unknown) => Promise<T>;
}

function assert(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CARDS = ['relationship', 'openDocuments', 'salesOverview', 'interactions', 'recommendations'] as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
}

/** axe-core's violations for the panel (through panelRoot) or the whole document, with their impact. */
async function runAxe(page: Page, scope: 'panel' | 'document'): Promise<{ violations: AxeViolation[]; passed: number }> {
  // evaluate() is not subject to the page's CSP (the options page forbids inline scripts).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const options = { resultTypes: ['violations'] };
  const raw =
    scope === 'document'
      ? await page.evaluate((o) => (window as any).axe.run(document, o), options)
      : await inPanel(page, (root, o) => (window as any).axe.run(root.querySelector('[data-testid="panel"]'), o), options);
  const violations = (raw.violations as any[]).map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map((n: any) => JSON.stringify(n.target)),
  }));
  // Rules that found something to check and passed: a scope that missed the panel would pass none.
  return { violations, passed: (raw.passes as unknown[]).length };
}

const serious = (vs: AxeViolation[]) => vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');
const describeViolations = (vs: AxeViolation[]) => vs.map((v) => `${v.id} (${v.impact}, ${v.nodes}×: ${v.help}; ${v.targets.join(' ')})`).join(' | ');

/** Opens every drill-down, "show more", "and N more" and details in the panel, so the longest content is laid out. */
async function expandAll(page: Page): Promise<number> {
  let clicked = 0;
  for (let round = 0; round < 3; round++) {
    const n = await inPanel(page, (root) => {
      let count = 0;
      for (const d of root.querySelectorAll('details')) (d as HTMLDetailsElement).open = true;
      for (const b of root.querySelectorAll<HTMLButtonElement>('[data-testid="panel"] .cards button[aria-expanded="false"]')) {
        b.click();
        count += 1;
      }
      return count;
    });
    clicked += n;
    if (n === 0) break;
    await page.waitForTimeout(150);
  }
  return clicked;
}

interface LayoutReport {
  problems: string[];
  elements: number;
  labels: number;
  words: number;
}

/** Real boxes: the panel does not scroll sideways, nothing sticks out of it, and each label fits its column with
 *  every word on one line (Range.getClientRects per word: a word broken across lines has boxes on two lines). */
async function measureLayout(page: Page): Promise<LayoutReport> {
  return inPanel(page, (root) => {
    const panel = root.querySelector<HTMLElement>('[data-testid="panel"]')!;
    const box = panel.getBoundingClientRect();
    const left = box.left + panel.clientLeft;
    const right = left + panel.clientWidth; // the vertical scrollbar excluded
    const problems: string[] = [];
    if (panel.scrollWidth > panel.clientWidth)
      problems.push(`the panel scrolls sideways: scrollWidth ${panel.scrollWidth} > clientWidth ${panel.clientWidth}`);
    let elements = 0;
    for (const el of panel.querySelectorAll<HTMLElement>('*')) {
      if (el.closest('.sr-only')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      elements += 1;
      if (r.right > right + 0.5 || r.left < left - 0.5)
        problems.push(
          `outside the panel: <${el.tagName.toLowerCase()} class="${el.className}"> ${Math.round(r.left)}–${Math.round(r.right)} (panel ${Math.round(left)}–${Math.round(right)}) "${(el.textContent ?? '').slice(0, 50)}"`,
        );
    }
    const labels = panel.querySelectorAll<HTMLElement>(
      '.fig-label, [data-figure-title], .card h3, .btn, .link-btn, .doc-name, .ref, .bar-counts, .fig-note, .note, .evidence-head, .bar-amount, .fig-value',
    );
    let words = 0;
    for (const el of labels) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const column = el.parentElement!.getBoundingClientRect();
      if (r.right > column.right + 0.5 || r.left < column.left - 0.5)
        problems.push(
          `label wider than its column: "${(el.textContent ?? '').slice(0, 60)}" ${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(column.left)}–${Math.round(column.right)}`,
        );
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const m of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index!);
          range.setEnd(node, m.index! + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top)));
          words += 1;
          if (lines.size > 1) problems.push(`"${m[0]}" breaks across ${lines.size} lines in "${(el.textContent ?? '').slice(0, 60)}"`);
        }
      }
    }
    return { problems, elements, labels: labels.length, words };
  });
}

async function cardHandle(page: Page, card: string): Promise<ElementHandle<Element>> {
  const root = await panelRoot(page);
  const handle = await root.evaluateHandle((r, name) => r?.querySelector(`[data-card="${name}"]`) ?? null, card);
  const el = handle.asElement();
  if (!el) throw new Error(`no card ${card}`);
  return el;
}

export async function uxChecks(ctx: UxContext): Promise<void> {
  const { context, extensionId, sellsy, check, extensionRequest } = ctx;
  const afterDir = resolve(ctx.outDir, 'ux-after');
  mkdirSync(afterDir, { recursive: true });
  // Other checks leave tabs on the same clients: a query of our own names this tab for the toolbar click.
  const MARK = 'ux-check=1';
  const clientUrl = (id: number) => `${sellsy.origin}/thirds/client/${id}?${MARK}`;
  const toolbar = async () => clickToolbar(await currentWorker(context), `${sellsy.origin}/*${MARK}*`);
  const page = await context.newPage();
  const setOpen = (open: boolean) => setPanelOpen(page, open, toolbar);
  const useAccount = (auth: { clientId: string; clientSecret: string }) =>
    extensionRequest('settings:set', { sellsy: { clientId: auth.clientId, clientSecret: auth.clientSecret } });

  /** A summary computed now, in `lang`, painted: not a cached one in another language. */
  async function freshSummary(id: number, lang: 'fr' | 'en'): Promise<void> {
    await extensionRequest('settings:set', { language: lang });
    await gotoRecord(page, clientUrl(id));
    await setOpen(true);
    await waitState(page, ['ready', 'figures', 'error'], 90_000);
    await inPanel(page, (root) => root.querySelector<HTMLButtonElement>('[data-action="refresh"]')?.click());
    await waitInPanel(
      page,
      (root, l) => {
        const el = root.querySelector('[data-testid="panel"]');
        return (
          el?.getAttribute('lang') === l &&
          el.getAttribute('data-state') === 'ready' &&
          el.getAttribute('data-phase') === 'texts' &&
          el.hasAttribute('data-painted-at')
        );
      },
      lang,
      { timeout: 90_000, what: `a fresh summary in ${lang}` },
    );
  }

  // (U1) Layout with the longest values, and the screenshots of the sales and recommendations cards.
  await check(
    '(U1) layout: every card of the large, hostile and sales-only clients fits 420 px in fr and en; no label breaks inside a word',
    async () => {
      await page.setViewportSize({ width: 1400, height: 3400 });
      const runs = [
        { account: 'invoicing', auth: DEMO, id: LARGE_CLIENT_ID, shots: true },
        { account: 'invoicing', auth: DEMO, id: HOSTILE_CLIENT_ID, shots: false },
        { account: 'sales', auth: DEMO_SALES, id: LARGE_CLIENT_ID, shots: true },
      ];
      const problems: string[] = [];
      const seen: string[] = [];
      let words = 0;
      try {
        for (const run of runs) {
          await useAccount(run.auth);
          for (const lang of ['fr', 'en'] as const) {
            await freshSummary(run.id, lang);
            const width = await inPanel(page, (root) => root.querySelector<HTMLElement>('[data-testid="panel"]')!.getBoundingClientRect().width);
            assert(Math.round(width) === 420, `the panel is ${width} px wide`);
            if (run.shots)
              for (const card of ['salesOverview', 'recommendations'])
                await (await cardHandle(page, card)).screenshot({ path: resolve(afterDir, `${run.account}-${lang}-${card}.png`) });
            const cards = await inPanel(page, (root) => root.querySelectorAll('section.card').length);
            assert(cards === CARDS.length, `${cards} cards`);
            const opened = await expandAll(page);
            const report = await measureLayout(page);
            words += report.words;
            problems.push(...report.problems.map((p) => `${run.account} ${run.id} ${lang}: ${p}`));
            seen.push(`${run.account} ${run.id} ${lang}: ${report.elements} boxes, ${report.labels} labels, ${opened} opened`);
          }
        }
      } finally {
        await useAccount(DEMO);
        await extensionRequest('settings:set', { language: 'fr' });
        await page.setViewportSize({ width: 1400, height: 900 });
      }
      assert(problems.length === 0, `${problems.length} layout problems:\n${problems.slice(0, 12).join('\n')}`);
      return `${seen.length} renders, ${words} label words measured, none broken, nothing overflows; screenshots in test-results/ux-after/`;
    },
  );

  // (U2) axe-core: the panel in its four states, then the options page.
  await check('(U2) accessibility: axe-core finds no serious or critical violation (panel loading/ready/error/not-client, options)', async () => {
    const found: string[] = [];
    const minor: string[] = [];
    let rules = 0;
    const audit = async (what: string, scope: 'panel' | 'document', on: Page = page) => {
      const { violations: vs, passed } = await runAxe(on, scope);
      rules += passed;
      if (serious(vs).length) found.push(`${what}: ${describeViolations(serious(vs))}`);
      const rest = vs.filter((v) => !serious(vs).includes(v));
      if (rest.length) minor.push(`${what}: ${rest.map((v) => `${v.id} (${v.impact})`).join(', ')}`);
    };
    try {
      // Loading: a stalled Sellsy keeps the progress on screen.
      await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
      await setOpen(false);
      await extensionRequest('cache:clear', {});
      sellsy.options.stallMs = 60_000;
      await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
      await toolbar();
      await waitState(page, ['loading'], 10_000);
      await audit('loading', 'panel');
      sellsy.options.stallMs = 0;
      await setOpen(false);
      // Ready.
      await setOpen(true);
      await waitState(page, ['ready'], 90_000);
      await audit('ready', 'panel');
      await expandAll(page);
      await audit('ready, every list open', 'panel');
      // Error: credentials Sellsy refuses, nothing cached.
      await setOpen(false);
      await extensionRequest('settings:set', { sellsy: { clientId: DEMO.clientId, clientSecret: 'wrong-secret' } });
      await extensionRequest('cache:clear', {});
      await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
      await toolbar();
      await waitState(page, ['error'], 30_000);
      await audit('error', 'panel');
      await useAccount(DEMO);
      // Not a client.
      await gotoRecord(page, `${sellsy.origin}/thirds/prospect/${PROSPECT_ID}?${MARK}`);
      await setOpen(true);
      await waitState(page, ['not-client'], 30_000);
      await audit('not-client', 'panel');
      // The options page.
      const options = await context.newPage();
      try {
        await options.goto(`chrome-extension://${extensionId}/options.html`);
        await options.locator('[data-testid="options"]').waitFor({ timeout: 10_000 });
        await audit('options', 'document', options);
      } finally {
        await options.close();
      }
    } finally {
      sellsy.options.stallMs = 0;
      await useAccount(DEMO);
    }
    assert(found.length === 0, found.join('\n'));
    assert(rules > 50, `axe checked only ${rules} rules: did it reach the panel?`);
    return `5 states audited (${rules} rule passes), no serious or critical violation${minor.length ? `; minor/moderate: ${minor.join('; ')}` : ''}`;
  });

  // (U3) The keyboard alone.
  await check('(U3) keyboard: Tab walks the panel in order with a visible focus, Enter opens a figure and "and N more", Escape closes', async () => {
    await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
    await setOpen(false);
    // Focus on a control of the page first: Escape must hand it back.
    const pageControl = page.locator('main button').first();
    await pageControl.focus();
    await toolbar();
    await waitState(page, ['ready'], 90_000);
    const start = await inPanel(page, (root) => root.activeElement?.hasAttribute('data-client-name') ?? false);
    assert(start, 'focus is not on the panel heading after opening');
    type Stop = { key: string; inPanel: boolean; visible: boolean; outline: boolean; after: boolean };
    const stops: Stop[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const stop = await inPanel(page, (root) => {
        const el = root.activeElement as HTMLElement | null;
        const w = window as unknown as { __lastFocus?: Element };
        const previous = w.__lastFocus;
        if (!el) return { key: 'outside', inPanel: false, visible: false, outline: false, after: true };
        w.__lastFocus = el;
        const r = el.getBoundingClientRect();
        const panel = root.querySelector('[data-testid="panel"]')!.getBoundingClientRect();
        const cs = getComputedStyle(el);
        const outline = (cs.outlineStyle !== 'none' && Number.parseFloat(cs.outlineWidth) >= 1) || cs.boxShadow !== 'none';
        const after = !previous?.isConnected || !!(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        const key =
          el.getAttribute('data-action') ??
          el.closest('[data-figure]')?.getAttribute('data-figure') ??
          `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 30)}`;
        return {
          key,
          inPanel: true,
          visible: r.width > 0 && r.height > 0 && r.top >= panel.top - 1 && r.bottom <= panel.bottom + 1,
          outline,
          after,
        };
      });
      if (!stop.inPanel) break;
      stops.push(stop);
    }
    const keys = stops.map((s) => s.key);
    assert(keys[0] === 'close', `first Tab stop is ${keys[0]}, not the close button`);
    assert(keys.indexOf('refresh') > 0 && keys.indexOf('copy') > keys.indexOf('refresh'), `header order: ${keys.slice(0, 4).join(', ')}`);
    assert(keys.includes('relationship.firstPurchase'), `no figure reached in ${stops.length} Tab stops: ${keys.join(', ')}`);
    const bad = stops.filter((s) => !s.visible || !s.outline || !s.after);
    assert(bad.length === 0, `stops without a visible focus, off screen or out of order: ${JSON.stringify(bad.slice(0, 3))}`);
    // Back with Shift+Tab.
    await page.keyboard.press('Shift+Tab');
    const back = await inPanel(page, (root) => {
      const el = root.activeElement;
      return el?.getAttribute('data-action') ?? el?.closest('[data-figure]')?.getAttribute('data-figure') ?? el?.tagName ?? null;
    });
    assert(back === stops[stops.length - 2]?.key || stops.length < 2, `Shift+Tab went to ${back}, not ${stops[stops.length - 2]?.key}`);
    // Enter on a figure opens its documents.
    await inPanel(page, (root) => root.querySelector<HTMLElement>('[data-figure="relationship.totalPurchases"] button')?.focus());
    await page.keyboard.press('Enter');
    const opened = await inPanel(page, (root) => !!root.querySelector('[data-sources-for="relationship.totalPurchases"]'));
    assert(opened, 'Enter did not open the figure');
    // Enter on "and N more" shows every record of the recommendation.
    const more = await inPanel(page, (root) => {
      const b = root.querySelector<HTMLButtonElement>('[data-action="evidence-more"]');
      b?.focus();
      return b ? Number(b.closest('[data-evidence-count]')?.getAttribute('data-evidence-count')) : 0;
    });
    if (more > 0) {
      await page.keyboard.press('Enter');
      const links = await inPanel(page, (root) => {
        const b = root.querySelector('[data-action="evidence-more"]')!;
        return { expanded: b.getAttribute('aria-expanded'), links: b.closest('[data-evidence-count]')!.querySelectorAll('[data-evidence]').length };
      });
      assert(links.expanded === 'true' && links.links === more, `after Enter: ${JSON.stringify(links)} (want ${more} links)`);
    }
    // Escape closes and hands focus back to the page.
    await page.keyboard.press('Escape');
    await waitState(page, [null], 5_000);
    const back2 = await pageControl.evaluate((el) => document.activeElement === el);
    assert(back2, 'focus did not return to the page control it came from');
    return `${stops.length} Tab stops in order, each with a visible focus (${keys.slice(0, 5).join(' → ')} …); Enter opened a figure${more ? ` and ${more} evidence links` : ''}; Escape closed`;
  });

  // (U4) The live region announces the progress and the result.
  await check('(U4) the status line (role=status) announces the load and the finished summary', async () => {
    await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
    await setOpen(true);
    await waitState(page, ['ready'], 90_000);
    const before = await inPanel(page, (root) => {
      const live = root.querySelector('[data-live="status"]');
      const w = window as unknown as { __announced?: string[] };
      w.__announced = [];
      if (live)
        new MutationObserver(() => w.__announced!.push(live.textContent ?? '')).observe(live, {
          childList: true,
          characterData: true,
          subtree: true,
        });
      return live ? { role: live.getAttribute('role'), live: live.getAttribute('aria-live'), text: live.textContent } : null;
    });
    assert(before && before.role === 'status' && before.live === 'polite', `status line: ${JSON.stringify(before)}`);
    await inPanel(page, (root) => root.querySelector<HTMLButtonElement>('[data-action="refresh"]')?.click());
    // Until the status line has said the summary is ready again, after the load's progress.
    await page.waitForFunction(
      () => {
        const said = (window as unknown as { __announced?: string[] }).__announced ?? [];
        const loading = said.findIndex((t) => /Chargement|Loading/.test(t));
        return loading >= 0 && said.slice(loading).some((t) => /prêt|ready/i.test(t));
      },
      undefined,
      { timeout: 90_000 },
    );
    const announced = await page.evaluate(() => (window as unknown as { __announced?: string[] }).__announced ?? []);
    const distinct = [...new Set(announced)];
    assert(
      distinct.some((t) => /Chargement|Loading/.test(t)),
      `no progress announced: ${JSON.stringify(distinct)}`,
    );
    assert(/prêt|ready/i.test(distinct[distinct.length - 1] ?? ''), `the last announcement is not the result: ${JSON.stringify(distinct)}`);
    assert((await panelState(page)) === 'ready', 'the panel is not ready');
    return `announced: ${distinct.join(' → ')}`;
  });
  await page.close();
}
