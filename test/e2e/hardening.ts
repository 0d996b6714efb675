// Hardening checks in real Chromium with the built extension and the local Sellsy: a hostile page script
// gets nothing from the extension and finds no secret in the DOM; malformed CRM values never show as
// NaN/Infinity/Invalid Date and open no dialog; a service worker stopped mid-load leaves the panel with a
// clear error, and a retry gives a complete summary; a page script clicking Refresh for 20 s causes no
// load, and a user hammering it gets one load per 10 s and a "wait a moment". Called by the e2e runner
// with its own `check`.
// Code inside page.evaluate declares no named function: tsx would wrap it in a __name() the page lacks.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { DEMO, DEMO_SALES, HOSTILE_CLIENT_ID, LARGE_CLIENT_ID } from '../sellsy/demo';
import type { FakeSellsy } from '../sellsy/server';
import { clickToolbar, currentWorker, requestFromExtensionPage } from './launch';
import { clickInPanel, gotoRecord, HOST, inPanel, refreshWhenAllowed, setPanelOpen, waitInPanel, waitState } from './panel-page';

export interface HardeningContext {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  sellsy: FakeSellsy;
  check: (name: string, fn: () => Promise<string | undefined>) => Promise<boolean>;
}

type Obj = Record<string, any>;

function assert(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

/** What must never appear in a page: our secrets, a bearer header, a token of the local Sellsy. */
const SECRET_PATTERNS = [DEMO.clientSecret, DEMO_SALES.clientSecret, 'Bearer', 'fake.invoicing.', 'fake.sales.', 'client_secret', 'access_token'];

export async function hardeningChecks(ctx: HardeningContext): Promise<void> {
  const { context, extensionId, sellsy, check } = ctx;
  const clientUrl = (id: number) => `${sellsy.origin}/thirds/client/${id}`;
  const apiCalls = () => sellsy.log.filter((r) => r.path.startsWith('/v2/')).length;
  /** Loads: each one reads the account first (GET /staffs/me), a freshness check or a cached answer does not. */
  const loads = () => sellsy.log.filter((r) => r.path === '/v2/staffs/me').length;
  const summaryAt = (p: Page) => inPanel(p, (root) => root?.querySelector('[data-testid="panel"]')?.getAttribute('data-summary-at') ?? null, null);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  const ensureOpen = (p: Page) => setPanelOpen(p, true, async () => clickToolbar(await currentWorker(context), `${sellsy.origin}/*`));
  async function domText(p: Page): Promise<{ page: string; shadowHtml: string; shadowText: string }> {
    const shadow = await inPanel(p, (root) => ({ html: root?.innerHTML ?? '', text: root?.textContent ?? '' }), null);
    return { page: await p.evaluate(() => document.documentElement.outerHTML), shadowHtml: shadow.html, shadowText: shadow.text };
  }

  // (H1) A page script posts look-alike messages and calls the runtime with our id: nothing answers.
  await check('(H1) hardening: a Sellsy page script gets nothing from the extension and finds no secret in the DOM', async () => {
    await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
    await ensureOpen(page);
    await waitState(page, ['ready'], 60_000);
    const stateBefore = await summaryAt(page);
    const callsBefore = apiCalls();
    const probe = await page.evaluate(
      async ([extId, id, origin]) => {
        const seen: string[] = [];
        window.addEventListener('message', (e) => {
          seen.push(JSON.stringify(e.data));
        });
        const pageRef = { thirdType: 'client', id, origin };
        const posted = [
          { type: 'open', page: pageRef, language: 'fr-FR' },
          { type: 'refresh', page: pageRef },
          { type: 'settings:get', payload: {} },
          { type: 'summary', phase: 'texts', summary: { client: { name: 'forged' } } },
        ];
        for (const m of posted) window.postMessage(m, '*');
        document.dispatchEvent(new CustomEvent('resume-client:open', { detail: pageRef }));
        const c = (globalThis as any).chrome;
        const runtime: string[] = [];
        if (!c?.runtime?.sendMessage) runtime.push('no chrome.runtime in the page');
        else {
          for (const m of [
            { type: 'settings:get', payload: {} },
            { type: 'open', page: pageRef },
          ]) {
            try {
              const r = await Promise.race([
                c.runtime.sendMessage(extId, m),
                new Promise((res) => setTimeout(() => res('no answer (timeout)'), 1500)),
              ]);
              runtime.push(`answer ${JSON.stringify(r)}`);
            } catch (e) {
              runtime.push(`threw ${String((e as Error)?.message ?? e)}`);
            }
          }
        }
        if (c?.runtime?.connect) {
          try {
            const port = c.runtime.connect(extId, { name: 'resume-summary' });
            const got: unknown[] = [];
            port.onMessage.addListener((m: unknown) => got.push(m));
            port.postMessage({ type: 'open', page: pageRef });
            await new Promise((res) => setTimeout(res, 1000));
            runtime.push(`connect: ${got.length} message(s)`);
          } catch (e) {
            runtime.push(`connect threw ${String((e as Error)?.message ?? e)}`);
          }
        }
        await new Promise((res) => setTimeout(res, 1000));
        return { seen, runtime, postedCount: posted.length };
      },
      [extensionId, LARGE_CLIENT_ID, sellsy.origin] as const,
    );
    // The only window messages are the page's own four: no reply came from our content script.
    assert(
      probe.seen.length === probe.postedCount,
      `window messages seen: ${probe.seen.length} (${probe.seen.slice(probe.postedCount).join(' | ').slice(0, 300)})`,
    );
    for (const r of probe.runtime) {
      const answered = r.startsWith('answer ') && r !== 'answer undefined' && r !== 'answer "no answer (timeout)"';
      assert(!answered, `the page got an answer: ${r.slice(0, 200)}`);
      assert(!/connect: [1-9]/.test(r), `the page's port got messages: ${r}`);
    }
    assert(apiCalls() === callsBefore, `look-alike messages made ${apiCalls() - callsBefore} API request(s)`);
    const stateAfter = await summaryAt(page);
    assert(stateAfter === stateBefore, "the panel took a new summary from the page's messages");
    const dom = await domText(page);
    for (const s of SECRET_PATTERNS) {
      assert(!dom.page.includes(s), `"${s}" in document.documentElement.outerHTML`);
      assert(!dom.shadowHtml.includes(s), `"${s}" in the panel's shadow root`);
    }
    assert(dom.shadowText.length > 200, 'the panel is empty: the scan above would prove nothing');
    return `${probe.runtime.join('; ')}; no reply, no API request, no secret in ${dom.page.length + dom.shadowHtml.length} chars of DOM`;
  });

  // (H2) Malformed values on the hostile client: the panel shows no NaN/Infinity/Invalid Date, no dialog.
  await check('(H2) hardening: malformed amounts and dates on the hostile client: no NaN, Infinity, Invalid Date or dialog', async () => {
    const db = sellsy.db.accounts.invoicing as unknown as Obj;
    const mine = (d: Obj) => (d.related as Obj[]).some((r) => r.type === 'company' && r.id === HOSTILE_CLIENT_ID);
    const base = db.invoices.find((i: Obj) => mine(i))!;
    const added: Obj[] = [];
    const poisons: ((c: Obj) => void)[] = [
      (c) => {
        c.amounts.total_excl_tax = '1e309';
      },
      (c) => {
        c.amounts.total_incl_tax = '';
      },
      (c) => {
        c.amounts.total_excl_tax = null;
      },
      (c) => {
        c.amounts.total_excl_tax = '-0.00';
        c.amounts.total_incl_tax = '-0.00';
        c.amounts.total_remaining_due_incl_tax = '-0.00';
        c.rows = [];
      },
      (c) => {
        c.date = '2026-13-45';
      },
      (c) => {
        c.date = '0000-00-00';
      },
      (c) => {
        c.status = 'teleported';
      },
    ];
    poisons.forEach((f, i) => {
      const c = structuredClone(base);
      c.id = 995_000 + i;
      c.number = `HX-${c.id}`;
      f(c);
      added.push(c);
    });
    db.invoices.push(...added);
    try {
      dialogs.length = 0;
      await gotoRecord(page, clientUrl(HOSTILE_CLIENT_ID));
      await ensureOpen(page);
      await waitState(page, ['ready', 'figures', 'error'], 60_000);
      await refreshWhenAllowed(page);
      await inPanel(
        page,
        (root) => {
          for (const d of root!.querySelectorAll('details')) (d as HTMLDetailsElement).open = true;
        },
        null,
      );
      await page.waitForTimeout(300);
      const found = await inPanel(
        page,
        (r) => {
          const root = r!;
          let handlers = 0;
          for (const el of root.querySelectorAll('*')) for (const a of el.getAttributeNames()) if (a.startsWith('on')) handlers += 1;
          const warnings = [...root.querySelectorAll('details.warnings li')].map((li) => li.textContent ?? '');
          return {
            text: root.textContent ?? '',
            active: root.querySelectorAll('img, script, iframe, object, embed').length,
            handlers,
            xss: (window as any).__xss,
            warnings,
          };
        },
        null,
      );
      const bad = /NaN|Infinity|Invalid Date|undefined|\[object Object\]/.exec(found.text);
      assert(!bad, `"${bad?.[0]}" in the panel: …${found.text.slice(Math.max(0, (bad?.index ?? 0) - 60), (bad?.index ?? 0) + 60)}…`);
      assert(found.active === 0, `${found.active} img/script/iframe elements in the panel`);
      assert(found.handlers === 0, `${found.handlers} on* attributes in the panel`);
      assert(found.xss === undefined, 'window.__xss was set');
      assert(dialogs.length === 0, `dialogs: ${dialogs.join(', ')}`);
      // The six left out are named in the panel's warnings; the unknown status is named by its value.
      const unnamed = added.slice(0, 6).filter((c, i) => i !== 3 && !found.warnings.some((w) => w.includes(String(c.id))));
      assert(unnamed.length === 0, `not in the warnings: ${unnamed.map((c) => c.id).join(', ')}`);
      assert(
        found.warnings.some((w) => w.includes('teleported')),
        'the unknown status is not reported',
      );
      return `${added.length} malformed invoices added; ${found.warnings.length} warnings shown; ${found.text.length} chars of panel text clean; no dialog`;
    } finally {
      db.invoices = db.invoices.filter((i: Obj) => !added.includes(i));
    }
  });

  // (H3) The service worker stopped mid-load: a clear error in the panel, then a complete summary on retry.
  await check('(H3) hardening: service worker stopped mid-load → clear error, then a complete summary on retry', async () => {
    const latency = sellsy.options.latencyMs;
    sellsy.options.latencyMs = 150; // a load long enough to stop it in the middle
    const ext = await context.newPage();
    try {
      await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
      await ensureOpen(page);
      await waitState(page, ['ready', 'figures', 'error'], 60_000);
      // A load under way (the background computes a client once per 10 s: a refresh asked sooner waits).
      for (let tries = 0; ; tries++) {
        await clickInPanel(page, '[data-action="refresh"]');
        const seen = await waitInPanel(
          page,
          (root) => (root?.querySelector('[data-progress-phase]') ? 'progress' : root?.querySelector('[data-message="wait"]') ? 'wait' : null),
          null,
          { timeout: 20_000, what: 'a load in progress' },
        );
        if (seen === 'progress') break;
        assert(tries < 3, 'the refresh was refused four times');
        await page.waitForTimeout(10_500);
      }
      // CDP's ServiceWorker domain, from one of our extension pages (same origin as the worker).
      await ext.goto(`chrome-extension://${extensionId}/options.html`);
      const cdp = await context.newCDPSession(ext);
      let status = '';
      const stopped = new Promise<boolean>((res) => {
        cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
          for (const v of e.versions) {
            if (!v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) continue;
            status = v.runningStatus;
            if (v.runningStatus === 'stopped') res(true);
          }
        });
        setTimeout(() => res(false), 15_000);
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      assert(await stopped, `the service worker did not stop (last status: ${status || 'none'})`);
      const after = await waitState(page, ['error', 'ready'], 20_000);
      const shown = await inPanel(page, (root) => root?.querySelector('[data-error="load"]')?.textContent ?? '', null);
      if (after === 'error' || shown) {
        assert(shown.length > 10, 'an error state without a message');
        assert(!/NaN|undefined|\[object/.test(shown), `unclear error: "${shown}"`);
      }
      // Retry (the error's button, else Refresh): the panel wakes the worker and gets a whole summary.
      const retry = (await inPanel(page, (root) => !!root?.querySelector('[data-error="load"] button'), null))
        ? '[data-error="load"] button'
        : '[data-action="refresh"]';
      await clickInPanel(page, retry);
      await waitInPanel(
        page,
        (root) => {
          const el = root?.querySelector('[data-testid="panel"]');
          return el?.getAttribute('data-state') === 'ready' && el.getAttribute('data-phase') === 'texts' && !el.querySelector('[data-error="load"]');
        },
        null,
        { timeout: 90_000, what: 'a complete summary after the retry' },
      );
      const cards = await inPanel(page, (root) => root?.querySelectorAll('section.card').length ?? 0, null);
      assert(cards === 5, `${cards} cards after the retry`);
      return `worker stopped; panel said "${shown.trim().slice(0, 90)}"; retry → ready with 5 cards`;
    } finally {
      sellsy.options.latencyMs = latency;
      await ext.close().catch(() => undefined);
    }
  });

  // (H4) A page script clicking Refresh whenever it can for 20 s. With the panel's shadow root open it got the
  // button and 67 loads (1 044 Sellsy requests); closed, it finds no root, and its synthetic events on the
  // host, keys included, drive nothing.
  await check('(H4) hardening: a page script clicking Refresh in a loop for 20 s causes at most 2 loads', async () => {
    await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
    await ensureOpen(page);
    await waitState(page, ['ready'], 60_000);
    const before = loads();
    const requestsBefore = apiCalls();
    const probe = await page.evaluate(async (host) => {
      const h = document.querySelector(host) as HTMLElement | null;
      const seen = { host: !!h, root: false, clicks: 0, events: 0 };
      const end = Date.now() + 20_000;
      while (Date.now() < end) {
        // What an open root handed out: the Refresh button, clicked whenever it is enabled.
        const root = h?.shadowRoot ?? null;
        if (root) seen.root = true;
        const button = root?.querySelector('[data-action="refresh"]') as HTMLButtonElement | null | undefined;
        if (button && !button.disabled) {
          button.click();
          seen.clicks += 1;
        }
        // Without it: clicks and keys aimed at the host, as a script can still make them.
        if (h) {
          h.click();
          h.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
          h.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
          h.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
          seen.events += 4;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return seen;
    }, HOST);
    const made = loads() - before;
    assert(made <= 2, `${made} loads (${apiCalls() - requestsBefore} Sellsy requests) from the page's ${probe.clicks} clicks`);
    assert(probe.host, 'no panel host in the page: the check proves nothing');
    assert(!probe.root, "the page script got the panel's shadow root");
    assert((await waitState(page, ['ready'], 5_000)) === 'ready', 'the panel is no longer ready (the page closed it?)');
    return `20 s: shadowRoot ${probe.root ? 'reached' : 'null'}, ${probe.clicks} clicks on Refresh, ${probe.events} synthetic events on the host → ${made} loads, ${apiCalls() - requestsBefore} Sellsy requests`;
  });

  // (H5) The user (trusted clicks) pressing Refresh again and again: the background computes the client once
  // per 10 s and the panel says to wait a moment in between.
  await check('(H5) hardening: Refresh pressed again and again for 15 s: at most 2 loads, and a "wait a moment" in between', async () => {
    await gotoRecord(page, clientUrl(LARGE_CLIENT_ID));
    await ensureOpen(page);
    await waitState(page, ['ready'], 60_000);
    const before = loads();
    const end = Date.now() + 15_000;
    let clicks = 0;
    let waits = 0;
    let waitText = '';
    while (Date.now() < end) {
      try {
        await clickInPanel(page, '[data-action="refresh"]', 2_000);
        clicks += 1;
      } catch {
        // Disabled during a load: try again.
      }
      const shown = await inPanel(page, (root) => root?.querySelector('[data-message="wait"]')?.textContent ?? null, null);
      if (shown) {
        waits += 1;
        waitText = shown;
      }
      await page.waitForTimeout(100);
    }
    const made = loads() - before;
    assert(made >= 1 && made <= 2, `${made} loads from ${clicks} clicks`);
    assert(waits > 0, `no "wait a moment" after ${clicks} clicks`);
    assert(/^Un instant : ce client vient d’être calculé\. Réessayez dans \d+ s\.Réessayer$/.test(waitText), `the wait says "${waitText}"`);
    const cards = await inPanel(page, (root) => root?.querySelectorAll('section.card').length ?? 0, null);
    assert(cards === 5, `${cards} cards on screen while waiting`);
    return `${clicks} clicks → ${made} loads; "${waitText.replace(/Réessayer$/, '')}" shown ${waits} times, the summary kept`;
  });

  // (H6) In the browser a redirect not followed is an opaque answer (status 0), not a 3xx: the token POST
  // (Test connection) and the LLM's Test button, both pointed at a server that answers 307 to another port.
  await check('(H6) hardening: in Chromium, a 307 from the token URL or the LLM reaches no other port; both tests say why', async () => {
    const seen: string[] = [];
    const listen = (handler: Parameters<typeof createServer>[1]) =>
      new Promise<{ origin: string; close: () => Promise<void> }>((resolve) => {
        const server = createServer(handler);
        server.listen(0, '127.0.0.1', () =>
          resolve({
            origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
            close: () => new Promise((r) => server.close(() => r())),
          }),
        );
      });
    const target = await listen((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"access_token":"stolen","expires_in":3600}');
    });
    const redirector = await listen((req, res) => {
      req.resume();
      res.writeHead(307, { location: `${target.origin}${req.url}` });
      res.end();
    });
    const ask = <T>(type: string, payload: unknown = {}) => requestFromExtensionPage<T>(context, extensionId, type, payload);
    try {
      await ask('settings:set', { sellsy: { tokenUrl: `${redirector.origin}/oauth2/access-tokens` } });
      const sellsyTest = await ask<{ ok: boolean; message?: string }>('sellsy:test');
      await ask('settings:set', { ai: { enabled: true, baseURL: `${redirector.origin}/v1`, apiKey: 'sk-e2e-redirect', model: 'm' } });
      const aiTest = await ask<{ ok: boolean; message?: string }>('ai:test');
      assert(
        sellsyTest.ok === false && /answered a redirect to another address; it was not followed/.test(sellsyTest.message ?? ''),
        `Test connection: ${JSON.stringify(sellsyTest)}`,
      );
      assert(aiTest.ok === false && /redirection|redirect/.test(aiTest.message ?? ''), `Test the model: ${JSON.stringify(aiTest)}`);
      assert(seen.length === 0, `the other port received: ${seen.join(', ')}`);
      return `Test connection: "${sellsyTest.message}"; Test the model: "${aiTest.message}"; nothing at the other port`;
    } finally {
      await ask('settings:set', { sellsy: { tokenUrl: sellsy.tokenUrl }, ai: { enabled: false, apiKey: '' } });
      await redirector.close();
      await target.close();
    }
  });

  await page.close();
}
