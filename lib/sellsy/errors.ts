// One error type for everything the Sellsy data layer can fail with, so callers switch on `kind`
// instead of parsing messages. Messages never carry tokens, secrets or Authorization headers.

export type SellsyErrorKind =
  | 'auth'
  | 'forbidden'
  | 'payment-required'
  | 'not-found'
  | 'bad-request'
  | 'quota'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalid-data';

export interface SellsyErrorInit {
  status?: number;
  code?: number;
  context?: string | null;
  requestId?: string;
  cause?: unknown;
}

export class SellsyError extends Error {
  readonly kind: SellsyErrorKind;
  readonly status?: number;
  readonly code?: number;
  readonly context?: string | null;
  readonly requestId?: string;

  constructor(kind: SellsyErrorKind, message: string, init: SellsyErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'SellsyError';
    this.kind = kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.context !== undefined) this.context = init.context;
    if (init.requestId !== undefined) this.requestId = init.requestId;
  }
}

export function kindForStatus(status: number): SellsyErrorKind {
  if (status === 401) return 'auth';
  if (status === 402) return 'payment-required';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'quota';
  if (status >= 500) return 'server';
  return 'bad-request';
}

/** Builds the error for a non-2xx answer from Sellsy's `{error:{code,message,context}}` body when there is one. */
export function errorFromResponse(what: string, status: number, bodyText: string, requestId?: string): SellsyError {
  let code: number | undefined;
  let context: string | null | undefined;
  let apiMessage: string | undefined;
  try {
    const parsed = JSON.parse(bodyText) as { error?: { code?: unknown; message?: unknown; context?: unknown } };
    const e = parsed?.error;
    if (e && typeof e === 'object') {
      if (typeof e.code === 'number') code = e.code;
      if (typeof e.message === 'string') apiMessage = scrubCredentialPatterns(e.message).slice(0, 300);
      if (typeof e.context === 'string' || e.context === null) context = e.context as string | null;
    }
  } catch {
    // Not JSON (a proxy's HTML page, a cut body): the status alone has to do.
  }
  const detail = apiMessage ? `: ${apiMessage}` : '';
  const ctx = context ? ` (${context})` : '';
  return new SellsyError(kindForStatus(status), `${what} answered HTTP ${status}${detail}${ctx}`, {
    status,
    code,
    context,
    requestId,
  });
}

/** Removes anything shaped like a bearer token or a secret parameter from a text we did not write. */
export function scrubCredentialPatterns(text: string): string {
  return text
    .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]')
    .replace(/\b(client_secret|access_token|refresh_token|code_verifier|code)=([^&\s"]+)/gi, '$1=[redacted]')
    .replace(/"(client_secret|access_token|refresh_token|code_verifier|code)"\s*:\s*"[^"]*"/gi, '"$1":"[redacted]"');
}

/**
 * Replaces each secret we know (a token we sent, the client secret) with [redacted], however the server
 * quoted it: an error body that echoes the request must not carry them into a message.
 */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s.length >= 6) out = out.split(s).join('[redacted]');
  return out;
}
