// Every Sellsy request (the token POST with the client secret, API calls with the bearer token) goes
// through here: a redirect is never followed, and becomes a SellsyError that is not retried.
import { fetchNoRedirect, RedirectRefusedError } from '../http/no-redirect';
import { SellsyError } from './errors';

export async function sellsyFetch(fetchImpl: typeof fetch, url: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await fetchNoRedirect(fetchImpl, url, init, what);
  } catch (e) {
    if (!(e instanceof RedirectRefusedError)) throw e;
    throw new SellsyError('network', e.message, { ...(e.status ? { status: e.status } : {}), cause: e });
  }
}
