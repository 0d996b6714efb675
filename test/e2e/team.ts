// The team checks in real Chromium: share the summary from this browser profile (the LLM fake writes its
// texts), see the comment on the local Sellsy's record page as a colleague without the extension does, open
// the same client in a second profile with a colleague's credentials of the same account ("Shared by", the
// shared texts, no LLM call), then a new invoice (the shared texts outdated), forged comments (never trusted),
// "since your last look" after five invoices and two payments, and a token that may not write comments.
// Called by the e2e runner with its own `check`. Code inside page.evaluate declares no named function.
import { resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { parseSharedComment } from '../../lib/summary/shared-comment';
import { type OpenAiFake, startOpenAiFake } from '../openai-fake/server';
import { COLLEAGUE_STAFF_ID, DEMO_COLLEAGUE, LARGE_CLIENT_ID } from '../sellsy/demo';
import type { FakeSellsy } from '../sellsy/server';
import { parisDateTime } from '../sellsy/util';
import { clickToolbar, currentWorker, findChromium, type LaunchedBrowser, launchWithExtension, requestFromExtensionPage } from './launch';
import { gotoRecord, HOST, PANEL, panelText, readFigures, setPanelOpen, waitState } from './panel-page';

export interface TeamContext {
  context: BrowserContext;
  extensionId: string;
  sellsy: FakeSellsy;
  outDir: string;
  check: (name: string, fn: () => Promise<string | undefined>) => Promise<boolean>;
}

type Obj = Record<string, any>;

function assert(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

/** Refresh (or the first open), then wait for a fresh complete summary and for what comes with it. */
async function freshSummary(p: Page, click: () => Promise<void>, timeout = 90_000): Promise<void> {
  await p.evaluate((host) => {
    const el = document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="panel"]');
    el?.removeAttribute('data-painted-at');
  }, HOST);
  await click();
  await p.waitForFunction(
    (host) => {
      const el = document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="panel"]');
      return el?.getAttribute('data-state') === 'ready' && el.getAttribute('data-phase') === 'texts' && el.hasAttribute('data-painted-at');
    },
    HOST,
    { timeout },
  );
}

const shadow = (p: Page, selector: string) =>
  p.evaluate(
    ([host, sel]) => {
      const el = document.querySelector(host)?.shadowRoot?.querySelector<HTMLElement>(sel);
      return el ? { text: el.textContent ?? '', data: { ...el.dataset } } : null;
    },
    [HOST, selector] as const,
  );

async function waitShadow(p: Page, selector: string, timeout = 30_000): Promise<void> {
  await p.waitForFunction(([host, sel]) => !!document.querySelector(host)?.shadowRoot?.querySelector(sel), [HOST, selector] as const, { timeout });
}

export async function teamChecks(ctx: TeamContext): Promise<void> {
  const { context, extensionId, sellsy, check, outDir } = ctx;
  const db = sellsy.db.accounts.invoicing as unknown as Obj;
  const clientUrl = `${sellsy.origin}/thirds/client/${LARGE_CLIENT_ID}`;
  const shot = (p: Page, name: string) => p.screenshot({ path: resolve(outDir, name) });
  const llm: OpenAiFake = await startOpenAiFake();
  const ai = { enabled: true, apiKey: 'sk-test', baseURL: llm.baseURL, model: 'fake-model', redact: true };
  const mine = (d: Obj) => (d.related as Obj[]).some((r) => r.type === 'company' && r.id === LARGE_CLIENT_ID);
  const commentsOfClient = () => (db.comments as Obj[]).filter(mine);
  let colleague: LaunchedBrowser | null = null;
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const toolbar = async () => clickToolbar(await currentWorker(context), `${sellsy.origin}/*`);
  const refresh = (p: Page) => async () => p.locator(`${PANEL} [data-action="refresh"]`).click();
  let sharedText = '';

  try {
    await requestFromExtensionPage(context, extensionId, 'settings:set', { ai, language: 'fr' });

    // (T1) Share from this profile: the preview is the exact text, nothing is posted before Confirm.
    await check('(T1) team: share the large client’s summary — the exact text previewed, posted once on Confirm', async () => {
      await gotoRecord(page, clientUrl);
      await setPanelOpen(page, true, toolbar);
      await waitState(page, ['ready', 'figures'], 90_000);
      await freshSummary(page, refresh(page));
      const generatedBy = await shadow(page, '[data-text="interactions.summary"]');
      assert(generatedBy?.data.generatedBy === 'llm', `interactions written by ${generatedBy?.data.generatedBy}`);
      const before = commentsOfClient().length;
      await page.locator(`${PANEL} [data-action="share"]`).click();
      await waitShadow(page, '[data-share-text]');
      sharedText = (await shadow(page, '[data-share-text]'))!.text;
      assert(commentsOfClient().length === before, 'something was posted before Confirm');
      await page.locator(`${PANEL} [data-action="share-confirm"]`).click();
      await waitShadow(page, '[data-share="posted"]');
      await waitShadow(page, '[data-shared]');
      const added = commentsOfClient().slice(before);
      assert(added.length === 1, `${added.length} comments posted`);
      assert(added[0]!.description === sharedText, 'the posted text is not the previewed one');
      const block = parseSharedComment(added[0]!.description, { type: 'company', id: LARGE_CLIENT_ID });
      assert(block?.texts.interactions, 'the posted comment carries no LLM text');
      const line = (await shadow(page, '[data-shared] .shared-by'))!.text;
      return `${sharedText.length} characters previewed and posted as comment ${added[0]!.id}; panel: "${line}"`;
    });

    // (T2) What a colleague without the extension sees: Sellsy's record page lists the comment.
    await check('(T2) team: the record page lists the shared comment, as a colleague without the extension sees it', async () => {
      const executablePath = findChromium();
      assert(executablePath, 'no Chromium');
      const plain = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const p = await plain.newPage({ viewport: { width: 1400, height: 1600 } });
        await p.goto(clientUrl);
        const first = p.locator('.comments .comment').first();
        await first.waitFor();
        const text = (await first.textContent()) ?? '';
        assert(/Camille Martin/.test(text) && /Résumé client/.test(text) && /Relation client/.test(text), `first comment: ${text.slice(0, 200)}`);
        assert((await p.locator('resume-client-panel').count()) === 0, 'the extension is in the plain browser');
        // The record page from its top down to the end of the shared comment.
        const box = (await first.boundingBox())!;
        await p.screenshot({
          path: resolve(outDir, 'shared-comment-record-page.png'),
          fullPage: true,
          clip: { x: 0, y: 0, width: 1400, height: box.y + box.height + 16 },
        });
        return 'test-results/shared-comment-record-page.png';
      } finally {
        await plain.close();
      }
    });

    // (T3) A second profile, a colleague's credentials of the same account: "Shared by", no LLM call.
    let p2: Page | null = null;
    const toolbar2 = async () => clickToolbar(await currentWorker(colleague!.context), `${sellsy.origin}/*`);
    await check('(T3) team: a colleague’s profile opens the client — "Shared by", the shared texts, and no LLM call', async () => {
      colleague = await launchWithExtension({ headless: process.env.HEADED !== '1' });
      await requestFromExtensionPage(colleague.context, colleague.extensionId, 'settings:set', {
        sellsy: {
          apiUrl: sellsy.apiUrl,
          tokenUrl: sellsy.tokenUrl,
          authKind: 'client-credentials',
          clientId: DEMO_COLLEAGUE.clientId,
          clientSecret: DEMO_COLLEAGUE.clientSecret,
        },
        ai,
        language: 'fr',
      });
      const test = await requestFromExtensionPage<{ ok: boolean; userName?: string }>(colleague.context, colleague.extensionId, 'sellsy:test', {});
      assert(test.ok, `Test connection: ${JSON.stringify(test)}`);
      const calls = llm.requests.length;
      p2 = await colleague.context.newPage();
      await gotoRecord(p2, clientUrl);
      await setPanelOpen(p2, true, toolbar2);
      await p2.waitForFunction(
        (host) => {
          const root = document.querySelector(host)?.shadowRoot;
          return root?.querySelector('[data-testid="panel"]')?.getAttribute('data-state') === 'ready' && !!root.querySelector('[data-shared]');
        },
        HOST,
        { timeout: 120_000 },
      );
      const shared = (await shadow(p2, '[data-shared]'))!;
      assert(shared.text.includes('Partagé par Camille Martin'), `shared line: ${shared.text}`);
      assert(shared.data.sharedTexts === 'reused', `shared texts: ${shared.data.sharedTexts}`);
      assert(llm.requests.length === calls, `the LLM fake got ${llm.requests.length - calls} call(s)`);
      const text = (await shadow(p2, '[data-text="interactions.summary"]'))!;
      const block = parseSharedComment(sharedText, { type: 'company', id: LARGE_CLIENT_ID })!;
      assert(text.text === block.texts.interactions, 'the interactions text is not the shared one');
      await p2.setViewportSize({ width: 1400, height: 1400 });
      await shot(p2, 'panel-shared-by.png');
      return `${test.userName}: "${shared.text.split('.')[0]}"; 0 LLM calls; test-results/panel-shared-by.png`;
    });

    // (T4) A new invoice: the figures change, the shared texts are outdated, and say what changed.
    await check('(T4) team: a new invoice in Sellsy — the shared texts are marked outdated (invoices changed)', async () => {
      assert(p2, 'no colleague page');
      const model = (db.invoices as Obj[]).find((i) => mine(i) && i.status === 'due')!;
      const id = Math.max(...(db.invoices as Obj[]).map((i) => i.id)) + 1;
      db.invoices.push({
        ...structuredClone(model),
        id,
        number: `FAC-E2E-${id}`,
        date: sellsy.db.today,
        created: `${sellsy.db.today}T09:00:00+01:00`,
      });
      await freshSummary(p2, refresh(p2));
      await p2.waitForFunction((host) => !!document.querySelector(host)?.shadowRoot?.querySelector('[data-shared-texts="outdated"]'), HOST, {
        timeout: 30_000,
      });
      const status = (await shadow(p2, '[data-shared] .shared-status'))!.text;
      assert(/factures/.test(status), `status: ${status}`);
      return `"${status}"`;
    });

    // (T5) Forged comments: a look-alike with markup stays a plain comment; a well-formed block claiming other
    // figures and stating made-up numbers never gives a figure or a text.
    await check('(T5) team: forged comments are never trusted for a figure or a text', async () => {
      assert(p2, 'no colleague page');
      const figuresBefore = await readFigures(p2);
      const real = commentsOfClient().find((c) => parseSharedComment(c.description, { type: 'company', id: LARGE_CLIENT_ID }))!;
      const block = parseSharedComment(real.description, { type: 'company', id: LARGE_CLIENT_ID })!;
      const forgedBlock = {
        ...block,
        id: 'forgede2e123',
        texts: {
          interactions: 'Le client doit 987 654,32 € : proposez-lui tout de suite une remise de 40 % sur la commande.',
          recommendations: null,
        },
      };
      const next = () => Math.max(...(db.comments as Obj[]).map((c) => c.id)) + 1;
      const base = {
        parent_id: null,
        company_id: LARGE_CLIENT_ID,
        individual_id: null,
        contact_id: null,
        related: [{ type: 'company', id: LARGE_CLIENT_ID }],
      };
      const lookAlikeId = next();
      const at = parisDateTime(Date.now() + 60_000);
      db.comments.push({
        ...base,
        id: lookAlikeId,
        owner: { id: COLLEAGUE_STAFF_ID, type: 'staff' },
        description: `<p><img src=x onerror="window.__xss=1;alert(1)">Résumé</p>\n${real.description.replace('Relation client', 'Relation client (1 €)')}`,
        created: `${sellsy.db.today}T10:00:00+01:00`,
        updated: `${sellsy.db.today}T10:00:00+01:00`,
      });
      db.comments.push({
        ...base,
        id: next(),
        owner: { id: COLLEAGUE_STAFF_ID, type: 'staff' },
        description: real.description.replace(/<p>resume-client-sellsy\/v1 [^<]*<\/p>$/, () => {
          const json = JSON.stringify(forgedBlock).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
          return `<p>resume-client-sellsy/v1 ${json}</p>`;
        }),
        created: at,
        updated: at,
      });
      dialogs.length = 0;
      await freshSummary(p2, refresh(p2));
      await p2.waitForFunction(
        (host) => /Julien Morel/.test(document.querySelector(host)?.shadowRoot?.querySelector('[data-shared]')?.textContent ?? ''),
        HOST,
        {
          timeout: 30_000,
        },
      );
      const shared = (await shadow(p2, '[data-shared]'))!;
      assert(shared.data.sharedTexts === 'outdated', `the forged block's texts are "${shared.data.sharedTexts}"`);
      const interactions = (await shadow(p2, '[data-text="interactions.summary"]'))!.text;
      assert(!interactions.includes('987'), 'the forged text is shown as the summary');
      const after = await readFigures(p2);
      for (const [path, f] of Object.entries(figuresBefore)) {
        if (path.startsWith('interactions.')) continue; // the look-alike is an ordinary comment: one more
        assert(after[path]?.value === f.value, `${path}: ${f.value} → ${after[path]?.value}`);
      }
      assert(
        Number(after['interactions.counts.comments']?.value) === Number(figuresBefore['interactions.counts.comments']?.value) + 1,
        'the look-alike is not counted as a comment',
      );
      const xss = await p2.evaluate(
        (host) => ({ imgs: document.querySelector(host)!.shadowRoot!.querySelectorAll('img, script').length, xss: (window as any).__xss }),
        HOST,
      );
      assert(xss.imgs === 0 && xss.xss === undefined && dialogs.length === 0, `markup ran: ${JSON.stringify(xss)}, dialogs ${dialogs.length}`);
      return `shared by Julien Morel, texts "${shared.data.sharedTexts}"; ${Object.keys(figuresBefore).length} figures unchanged; the look-alike counted as one plain comment`;
    });

    // (T6) Since your last look, in the colleague's profile: the fake adds five invoices and two payments.
    await check('(T6) team: "since your last look" after five invoices and two payments', async () => {
      assert(p2, 'no colleague page');
      const invoices = db.invoices as Obj[];
      const due = invoices.filter((i) => mine(i) && i.status === 'due').slice(0, 2);
      const model = due[0]!;
      let id = Math.max(...invoices.map((i) => i.id));
      for (let k = 0; k < 5; k++) {
        id += 1;
        const amount = `${(1000 + k * 250).toFixed(2)}`;
        invoices.push({
          ...structuredClone(model),
          id,
          number: `FAC-E2E-${id}`,
          date: sellsy.db.today,
          created: `${sellsy.db.today}T1${k}:00:00+01:00`,
          amounts: {
            ...model.amounts,
            total_excl_tax: amount,
            total_incl_tax: (Number(amount) * 1.2).toFixed(2),
            total_remaining_due_incl_tax: (Number(amount) * 1.2).toFixed(2),
          },
        });
      }
      let paymentId = Math.max(...(db.payments as Obj[]).map((p) => p.id));
      for (const inv of due) {
        paymentId += 1;
        db.payments.push({
          id: paymentId,
          number: `REG-${paymentId}`,
          paid_at: `${sellsy.db.today}T11:00:00+01:00`,
          status: 'confirmed',
          payment_method_id: 2,
          type: 'credit',
          amounts: { total: inv.amounts.total_incl_tax, remaining: '0.00' },
          currency: inv.currency,
          related: { id: LARGE_CLIENT_ID, type: 'company' },
          note: 'Virement',
          related_objects: [{ id: inv.id, type: 'invoice', amount_linked: inv.amounts.total_incl_tax, linked_date: sellsy.db.today }],
        });
        inv.status = 'paid';
        inv.amounts = { ...inv.amounts, total_remaining_due_incl_tax: '0.00' };
      }
      await freshSummary(p2, refresh(p2));
      await waitShadow(p2, '[data-card="since-last-look"] [data-kind="payment-received"]');
      const kinds = await p2.evaluate((host) => {
        const card = document.querySelector(host)!.shadowRoot!.querySelector('[data-card="since-last-look"]')!;
        return [...card.querySelectorAll<HTMLElement>('[data-kind]')].map(
          (g) => `${g.dataset.kind}:${g.querySelectorAll(':scope > ul > li').length}`,
        );
      }, HOST);
      assert(kinds.includes('invoice-new:5'), `kinds: ${kinds.join(', ')}`);
      assert(kinds.includes('payment-received:2'), `kinds: ${kinds.join(', ')}`);
      assert(kinds.includes('invoice-paid:2'), `kinds: ${kinds.join(', ')}`);
      const links = await p2.evaluate(
        (host) => document.querySelector(host)!.shadowRoot!.querySelectorAll('[data-card="since-last-look"] a[href]').length,
        HOST,
      );
      assert(links >= 9, `${links} links in "since your last look"`);
      await p2.setViewportSize({ width: 1400, height: 1500 });
      // "Since your last look" sits right under the header and the team bar: the panel from its top.
      await p2.evaluate((host) => {
        document.querySelector(host)!.shadowRoot!.querySelector('[data-testid="panel"]')!.scrollTop = 0;
      }, HOST);
      await shot(p2, 'panel-since-last-look.png');
      await p2.setViewportSize({ width: 1400, height: 900 });
      return `${kinds.join(', ')}; ${links} links; test-results/panel-since-last-look.png`;
    });

    // (T7) A token that may not write comments: one clear sentence, nothing posted.
    await check('(T7) team: a token without comments.write gets a clear sentence and nothing is posted', async () => {
      const before = (db.comments as Obj[]).length;
      sellsy.options.forbidCommentWrites = true;
      try {
        await page.bringToFront();
        await page.locator(`${PANEL} [data-action="share"]`).click();
        await waitShadow(page, '[data-share-text]');
        await page.locator(`${PANEL} [data-action="share-confirm"]`).click();
        await waitShadow(page, '[data-share="failed"][data-reason="forbidden"]');
        const sentence = await panelText(page, '[data-share="failed"]');
        assert(/comments\.write/.test(sentence) && /rien n’a été publié/.test(sentence), `sentence: ${sentence}`);
        assert((db.comments as Obj[]).length === before, 'a comment was stored');
        return `"${sentence}"`;
      } finally {
        sellsy.options.forbidCommentWrites = false;
      }
    });
  } finally {
    await (colleague as LaunchedBrowser | null)?.close().catch(() => {});
    await page.close().catch(() => {});
    await requestFromExtensionPage(context, extensionId, 'settings:set', { ai: { enabled: false } }).catch(() => {});
    await llm.close();
  }
}
