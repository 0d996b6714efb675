import { describe, expect, it } from 'vitest';
import { acceptPanelRequest, acceptRuntimeRequest, contentScriptOrigin, isOwnExtensionPage } from '@/entrypoints/background/guard';
import { contentSender, EXT_ORIGIN, GUARD, optionsSender, PAGE, RUNTIME_ID } from './bg-fakes';

describe('runtime requests', () => {
  it('answers our options page', () => {
    expect(acceptRuntimeRequest({ type: 'settings:get', payload: {} }, optionsSender(), GUARD)).toEqual({ type: 'settings:get', payload: {} });
    expect(acceptRuntimeRequest({ type: 'cache:clear' }, optionsSender(), GUARD)).toEqual({ type: 'cache:clear', payload: {} });
    expect(acceptRuntimeRequest({ type: 'settings:set', payload: { language: 'fr' } }, optionsSender(), GUARD)).toEqual({
      type: 'settings:set',
      payload: { language: 'fr' },
    });
  });

  it('ignores other extensions, web pages and senders without an id', () => {
    const msg = { type: 'settings:get', payload: {} };
    expect(acceptRuntimeRequest(msg, optionsSender({ id: 'other-extension' }), GUARD)).toBeNull();
    expect(acceptRuntimeRequest(msg, { url: 'https://evil.example/' }, GUARD)).toBeNull();
    expect(acceptRuntimeRequest(msg, { id: RUNTIME_ID, url: 'chrome-extension://other-id/options.html' }, GUARD)).toBeNull();
    expect(acceptRuntimeRequest(msg, undefined, GUARD)).toBeNull();
  });

  it('keeps settings away from our own content script (it lives in someone else’s page)', () => {
    for (const type of ['settings:get', 'settings:set', 'sellsy:test', 'ai:test', 'ai:last-sent', 'cache:clear']) {
      expect(acceptRuntimeRequest({ type, payload: {} }, contentSender(), GUARD)).toBeNull();
    }
    expect(acceptRuntimeRequest({ type: 'options:open', payload: {} }, contentSender(), GUARD)).toEqual({ type: 'options:open', payload: {} });
    expect(acceptRuntimeRequest({ type: 'options:open', payload: {} }, contentSender('https://evil.example/thirds/client/1'), GUARD)).toBeNull();
  });

  it('lets our content script on a Sellsy page start a sign-in, and nothing else of the session', () => {
    const signIn = { type: 'sellsy:sign-in', payload: {} };
    expect(acceptRuntimeRequest(signIn, contentSender(), GUARD)).toEqual(signIn);
    expect(acceptRuntimeRequest(signIn, optionsSender(), GUARD)).toEqual(signIn);
    expect(acceptRuntimeRequest(signIn, contentSender('https://evil.example/thirds/client/1'), GUARD)).toBeNull();
    expect(acceptRuntimeRequest(signIn, contentSender(undefined, { frameId: 3 }), GUARD)).toBeNull();
    expect(acceptRuntimeRequest(signIn, contentSender(undefined, { id: 'other-extension' }), GUARD)).toBeNull();
    expect(acceptRuntimeRequest(signIn, { url: 'https://www.sellsy.com/thirds/client/48201' }, GUARD)).toBeNull();
    for (const type of ['sellsy:sign-out', 'sellsy:session']) {
      expect(acceptRuntimeRequest({ type, payload: {} }, contentSender(), GUARD)).toBeNull();
      expect(acceptRuntimeRequest({ type, payload: {} }, optionsSender(), GUARD)).toEqual({ type, payload: {} });
    }
  });

  it('rejects look-alike shapes', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'settings:get',
      42,
      [],
      {},
      { type: 'settings:GET' },
      { type: 'settings:get', payload: 'x' },
      { type: 'settings:get', payload: [1] },
      { type: '__proto__' },
      { type: 'toString' },
      { kind: 'settings:get' },
    ];
    for (const m of bad) expect(acceptRuntimeRequest(m, optionsSender(), GUARD)).toBeNull();
  });

  it('knows an extension page from a tab', () => {
    expect(isOwnExtensionPage(optionsSender(), GUARD)).toBe(true);
    expect(isOwnExtensionPage({ id: RUNTIME_ID, url: `${EXT_ORIGIN}/options.html`, tab: { id: 1, url: 'https://www.sellsy.com/x' } }, GUARD)).toBe(
      false,
    );
  });
});

describe('panel port sender', () => {
  it('is our content script in a Sellsy page', () => {
    expect(contentScriptOrigin(contentSender(), GUARD)).toEqual({ origin: PAGE.origin });
  });

  // Chromium gives the URL the document was loaded at, not where history.pushState took it: a rep who opened
  // Sellsy's home and clicked a client is on a record with a sender URL that is not one.
  it('is any page of the Sellsy site, a record or not (the app may have moved on to a record since it loaded)', () => {
    expect(contentScriptOrigin(contentSender('https://www.sellsy.com/directory/prospects'), GUARD)).toEqual({ origin: PAGE.origin });
    const movedOn = contentSender('https://www.sellsy.com/', { tab: { id: 7, url: 'https://www.sellsy.com/thirds/client/48201' } });
    expect(contentScriptOrigin(movedOn, GUARD)).toEqual({ origin: PAGE.origin });
    expect(acceptRuntimeRequest({ type: 'sellsy:sign-in', payload: {} }, movedOn, GUARD)).toEqual({ type: 'sellsy:sign-in', payload: {} });
  });

  it.each([
    ['another extension', contentSender(undefined, { id: 'other' })],
    ['no tab (an extension page)', { id: RUNTIME_ID, url: `${EXT_ORIGIN}/options.html` }],
    ['a look-alike host', contentSender('https://www.sellsy.com.evil.example/thirds/client/1')],
    ['a Sellsy address with credentials', contentSender('https://user:pw@www.sellsy.com/thirds/client/1')],
    ['a Sellsy address on another port', contentSender('https://www.sellsy.com:8443/thirds/client/1')],
    ['no URL at all', { id: RUNTIME_ID, frameId: 0, tab: { id: 7 } }],
    ['a sub-frame', contentSender(undefined, { frameId: 3 })],
    ['a loopback page in a store build', contentSender('http://127.0.0.1:4000/thirds/client/1')],
  ])('rejects %s', (_what, sender) => {
    expect(contentScriptOrigin(sender, GUARD)).toBeNull();
  });

  it('accepts loopback pages in local builds', () => {
    expect(contentScriptOrigin(contentSender('http://127.0.0.1:4000/thirds/client/1'), { ...GUARD, allowLocal: true })).toEqual({
      origin: 'http://127.0.0.1:4000',
    });
  });
});

describe('panel requests', () => {
  it('accepts open/refresh/retry-texts/peek for a page of the sender’s origin, dropping extra fields', () => {
    expect(acceptPanelRequest({ type: 'open', page: PAGE, language: 'fr-FR' }, PAGE, GUARD)).toEqual({ type: 'open', page: PAGE, language: 'fr-FR' });
    expect(acceptPanelRequest({ type: 'refresh', page: { ...PAGE, id: 5, extra: 'x' } }, PAGE, GUARD)).toEqual({
      type: 'refresh',
      page: { ...PAGE, id: 5 },
    });
    expect(acceptPanelRequest({ type: 'retry-texts', page: PAGE, language: 'en' }, PAGE, GUARD)).toEqual({ type: 'retry-texts', page: PAGE });
    expect(acceptPanelRequest({ type: 'peek', page: PAGE, language: 'en', extra: 1 }, PAGE, GUARD)).toEqual({ type: 'peek', page: PAGE });
    expect(acceptPanelRequest({ type: 'prepare', page: PAGE, language: 'en', extra: 1 }, PAGE, GUARD)).toEqual({
      type: 'prepare',
      page: PAGE,
      language: 'en',
    });
  });

  it('a prepare is guarded like the others: same origin, a page, a short language', () => {
    for (const m of [
      { type: 'prepare' },
      { type: 'prepare', page: { ...PAGE, origin: 'https://evil.example' } },
      { type: 'prepare', page: { ...PAGE, id: -1 } },
      { type: 'prepare', page: PAGE, language: 'x'.repeat(100) },
    ])
      expect(acceptPanelRequest(m, PAGE, GUARD)).toBeNull();
  });

  it('rejects anything else', () => {
    const bad: unknown[] = [
      null,
      'open',
      { type: 'open' },
      { type: 'delete', page: PAGE },
      { type: 'open', page: { ...PAGE, id: '1' } },
      { type: 'open', page: { ...PAGE, origin: 'https://www.sellsy.fr' } },
      { type: 'open', page: { ...PAGE, origin: 'https://evil.example' } },
      { type: 'open', page: PAGE, language: 5 },
      { type: 'open', page: PAGE, language: 'x'.repeat(100) },
    ];
    for (const m of bad) expect(acceptPanelRequest(m, PAGE, GUARD)).toBeNull();
  });

  it('share requests: a preview names the summary shown, a confirmation its preview; nothing else rides along', () => {
    const generatedAt = '2026-11-29T08:00:00.000Z';
    expect(acceptPanelRequest({ type: 'share-preview', page: PAGE, generatedAt, description: '<p>mine</p>' }, PAGE, GUARD)).toEqual({
      type: 'share-preview',
      page: PAGE,
      generatedAt,
    });
    expect(acceptPanelRequest({ type: 'share', page: PAGE, previewId: 'a1b2c3d4e5f6', body: { description: 'x' } }, PAGE, GUARD)).toEqual({
      type: 'share',
      page: PAGE,
      previewId: 'a1b2c3d4e5f6',
    });
    const bad: unknown[] = [
      { type: 'share-preview', page: PAGE },
      { type: 'share-preview', page: PAGE, generatedAt: 'yesterday' },
      { type: 'share-preview', page: PAGE, generatedAt: 42 },
      { type: 'share', page: PAGE },
      { type: 'share', page: PAGE, previewId: 'short' },
      { type: 'share', page: PAGE, previewId: '../../etc/passwd' },
      { type: 'share', page: PAGE, previewId: 'x'.repeat(65) },
      { type: 'share', page: { ...PAGE, origin: 'https://evil.example' }, previewId: 'a1b2c3d4e5f6' },
      { type: 'share-now', page: PAGE, previewId: 'a1b2c3d4e5f6' },
    ];
    for (const m of bad) expect(acceptPanelRequest(m, PAGE, GUARD), JSON.stringify(m)).toBeNull();
  });
});
