// Answers are read as streams, up to a byte cap: a server that sends an endless or huge body gets a clear
// error instead of the whole body in memory (a 2 GB Sellsy body used to kill the command line with a V8
// fatal error and no message). The cap is checked on the bytes as they arrive, before any decoding.

/** The answer's body was larger than the cap; reading stopped there and nothing of it was kept. */
export class BodyTooLargeError extends Error {
  constructor(
    /** Names the call, e.g. "POST /invoices/search". */
    readonly what: string,
    readonly limitBytes: number,
  ) {
    super(`${what} answered a body larger than ${formatBytes(limitBytes)}; reading stopped there`);
    this.name = 'BodyTooLargeError';
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** A Content-Length already over the cap fails before a byte is read. */
function declaredTooLarge(res: Response, limit: number): boolean {
  const declared = Number(res.headers.get('content-length'));
  return Number.isFinite(declared) && declared > limit;
}

/** The body as UTF-8 text (as `res.text()` decodes it), or a BodyTooLargeError past `limit` bytes. */
export async function readTextCapped(res: Response, limit: number, what: string): Promise<string> {
  if (!res.body) return '';
  if (declaredTooLarge(res, limit)) {
    await res.body.cancel().catch(() => undefined);
    throw new BodyTooLargeError(what, limit);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(what, limit);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * The same answer with a body that errors (BodyTooLargeError) once more than `limit` bytes have come, for a
 * reader we do not control (the openai SDK's JSON and event-stream parsing).
 */
export function capResponse(res: Response, limit: number, what: string): Response {
  if (!res.body) return res;
  if (declaredTooLarge(res, limit)) {
    void res.body.cancel().catch(() => undefined);
    throw new BodyTooLargeError(what, limit);
  }
  const reader = res.body.getReader();
  let size = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        controller.error(new BodyTooLargeError(what, limit));
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}
