// A request that carries a secret (Sellsy's token POST and API calls, the LLM's key) never follows a
// redirect: fetch would send the body again to whatever address the answer names, and a 307/308 keeps the
// method and the body, so the client secret would be posted to another host. None is followed, even to the
// same origin: the APIs we call do not redirect, and a rule "same origin only" is one more thing to get wrong.

/** The answer was a redirect; nothing was sent to the address it names. */
export class RedirectRefusedError extends Error {
  constructor(
    /** Names the call, e.g. "POST token URL"; never a secret. */
    readonly what: string,
    /** The 3xx status; 0 when the browser hides it (an opaque redirect). */
    readonly status: number,
    /** Where the answer pointed, when the runtime lets us see it. */
    readonly location: string | null,
  ) {
    super(
      `${what} answered a redirect${status ? ` (HTTP ${status})` : ''} to another address${location ? ` (${shortLocation(location)})` : ''}; it was not followed and nothing was sent there`,
    );
    this.name = 'RedirectRefusedError';
  }
}

/** A Location header, without its query (it may quote what we sent), for a message. */
function shortLocation(location: string): string {
  try {
    const u = new URL(location);
    return `${u.origin}${u.pathname}`.slice(0, 120);
  } catch {
    return location.split(/[?#]/)[0]!.slice(0, 120);
  }
}

/**
 * True when the answer is a redirect we did not follow: a 3xx in Node (redirect 'manual' hands the answer
 * back), or the browsers' opaque redirect (status 0, type 'opaqueredirect').
 */
export function isRedirect(res: Response): boolean {
  return res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400 && res.status !== 304);
}

/**
 * One call through `fetchImpl` with `redirect: 'manual'` forced: a redirect answer is dropped (its body
 * cancelled) and becomes a RedirectRefusedError that names the call as `what` says.
 */
export async function fetchNoRedirect(
  fetchImpl: typeof fetch,
  input: string | URL | Request,
  init: RequestInit | undefined,
  what: string,
): Promise<Response> {
  const res = await fetchImpl(input, { ...init, redirect: 'manual' });
  if (!isRedirect(res)) return res;
  await res.body?.cancel().catch(() => undefined);
  throw new RedirectRefusedError(what, res.status, res.headers.get('location'));
}
