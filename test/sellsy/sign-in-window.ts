// What the browser's sign-in window (identity.launchWebAuthFlow) does on the local Sellsy, for tests that
// run without a browser: load the authorization page, fill its form as a rep would, press Authorize or
// Deny, and hand back the address the 302 points to. The e2e test does the same in a real window.
import { DEMO_USERS } from './demo';

export interface WindowScript {
  user?: { email: string; password: string };
  decision?: 'allow' | 'deny';
  /** Rewrites the address before it is handed back (a forged state, a lost code…). */
  tamper?: (callback: URL) => void;
}

/** Hidden inputs of the page's form, as the browser would post them. */
function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  const unescapeHtml = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) out[m[1]!] = unescapeHtml(m[2]!);
  return out;
}

/**
 * A launchWebAuthFlow stand-in: resolves with the redirect address, rejects like the browser when no
 * redirect comes. `fetchFn` is the window's own network (not the extension's, which a test may record).
 */
export function scriptedSignInWindow(
  script: WindowScript = {},
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
): ((url: string) => Promise<string>) & { opened: string[] } {
  const opened: string[] = [];
  const launch = async (url: string): Promise<string> => {
    opened.push(url);
    const page = await fetchFn(url, { redirect: 'manual' });
    if (page.status === 302) return page.headers.get('location')!;
    const html = await page.text();
    if (page.status !== 200 || !html.includes('data-action="authorize"')) throw new Error('Authorization page could not be loaded.');
    const user = script.user ?? DEMO_USERS.invoicing;
    const body = new URLSearchParams({ ...hiddenFields(html), email: user.email, password: user.password, decision: script.decision ?? 'allow' });
    const posted = await fetchFn(new URL('/oauth2/authorization', url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      redirect: 'manual',
    });
    // A wrong password shows the form again: the rep would close the window, and the browser says so.
    if (posted.status !== 302) throw new Error('The user did not approve access.');
    const callback = new URL(posted.headers.get('location')!);
    script.tamper?.(callback);
    return callback.toString();
  };
  return Object.assign(launch, { opened });
}
