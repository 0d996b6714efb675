// The one way the Firefox checks reach the panel. Its shadow root is closed and WebDriver BiDi has no DevTools
// protocol, but BiDi's serialisation can name a closed root: script.evaluate with
// serializationOptions.includeShadowTree 'all' returns the panel's host with its shadowRoot as a node reference
// (a sharedId), and script.callFunction runs a function with `this` set to that root. puppeteer-core exposes
// BiDi's realm of the page on its frame (frame.browsingContext.defaultRealm: evaluate and callFunction pass their
// options straight to BiDi). Same contract as Chromium's inPanel (test/e2e/panel-page.ts): `fn(root, arg)` with
// the root or null, one serialisable argument, the result by value (it travels as a JSON string, so no BiDi
// value needs reading back). Clicks are Puppeteer's mouse (input.performActions: trusted events), at a point
// read through here. Nothing of this is in the extension.
import type { Page } from 'puppeteer-core';
import { HOST } from '../in-page';
import { driverOf, type PanelDriver } from '../panel-driver';

/** The shapes of BiDi's answers that are read here (script.EvaluateResult). */
type RemoteValue = { type: string; sharedId?: string; value?: unknown };
type EvaluateResult = { type: 'success'; result: RemoteValue } | { type: 'exception'; exceptionDetails: { text: string; exception?: RemoteValue } };
interface BidiRealm {
  evaluate(expression: string, awaitPromise: boolean, options?: Record<string, unknown>): Promise<EvaluateResult>;
  callFunction(functionDeclaration: string, awaitPromise: boolean, options?: Record<string, unknown>): Promise<EvaluateResult>;
}

/** The page's own realm (its main world, as Chromium's inPanel runs in), through puppeteer-core's BiDi core objects. */
function realmOf(page: Page): BidiRealm {
  const realm = (page.mainFrame() as unknown as { browsingContext?: { defaultRealm?: BidiRealm } }).browsingContext?.defaultRealm;
  if (!realm) throw new Error('no BiDi realm on this page: Firefox must be driven over WebDriver BiDi');
  return realm;
}

function failure(r: Extract<EvaluateResult, { type: 'exception' }>): Error {
  const thrown = r.exceptionDetails.exception?.value;
  return new Error(`in the panel: ${r.exceptionDetails.text}${typeof thrown === 'string' ? ` (${thrown})` : ''}`);
}

/**
 * Runs `fn(root, arg)` in the page with the panel's shadow root (null when the page has no panel host yet)
 * and returns its result by value (awaited when it is a promise).
 */
export async function inPanel<A, R>(page: Page, fn: (root: ShadowRoot | null, arg: A) => R, arg: A): Promise<Awaited<R>> {
  const realm = realmOf(page);
  const host = await realm.evaluate(`document.querySelector(${JSON.stringify(HOST)})`, false, {
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0, maxObjectDepth: 0 },
    resultOwnership: 'none',
  });
  if (host.type === 'exception') throw failure(host);
  const shadow = (host.result.value as { shadowRoot?: RemoteValue | null } | undefined)?.shadowRoot;
  const root = shadow?.type === 'node' && shadow.sharedId ? { sharedId: shadow.sharedId } : undefined;
  const res = await realm.callFunction(
    `async function (json) { const r = await (${fn.toString()})(this instanceof ShadowRoot ? this : null, JSON.parse(json)); return JSON.stringify({ r }); }`,
    true,
    {
      ...(root && { this: root }),
      arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
      resultOwnership: 'none',
    },
  );
  if (res.type === 'exception') throw failure(res);
  if (res.result.type !== 'string') throw new Error(`in the panel: a ${res.result.type} came back, not the JSON asked for`);
  return (JSON.parse(res.result.value as string) as { r: Awaited<R> }).r;
}

/** The shared panel driver (test/e2e/panel-driver.ts) over BiDi and Puppeteer's mouse, for this page. */
export const panelOf = (page: Page): PanelDriver => driverOf(page, inPanel);
