// Shared by the local Sellsy's tests: start it on a fixed today, get a token, call it.
import { DEMO } from '../../sellsy/demo';
import { type FakeSellsy, type StartOptions, startSellsy } from '../../sellsy/server';

export const TODAY = '2026-11-29';

export async function start(opts: StartOptions = {}): Promise<FakeSellsy> {
  return startSellsy({ today: TODAY, ...opts });
}

export async function token(s: FakeSellsy, cred: { clientId: string; clientSecret: string } = DEMO): Promise<string> {
  const r = await fetch(s.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: cred.clientId, client_secret: cred.clientSecret }),
  });
  if (r.status !== 200) throw new Error(`token: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { access_token: string }).access_token;
}

export interface Call {
  status: number;
  body: any;
  headers: Headers;
}

export async function call(
  s: FakeSellsy,
  tok: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<Call> {
  const r = await fetch(s.apiUrl + path, {
    method,
    headers: { authorization: `Bearer ${tok}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text === '' ? null : JSON.parse(text), headers: r.headers };
}
