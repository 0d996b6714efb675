// A local OpenAI-compatible server for tests: POST /v1/chat/completions, plain and streamed (SSE chunks, then
// `data: [DONE]`), with scripted misbehaviour per request. Never the real service.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeBehaviour =
  /** A well-formed answer. Without `content`, a plausible one built from the prompt (see defaultContent). */
  | { kind: 'normal'; content?: string; usage?: boolean }
  /** A body that is not JSON (plain call) or an SSE chunk that is not JSON (stream). */
  | { kind: 'malformed' }
  /** Waits `delayMs` before answering (beyond the client's timeout in tests). */
  | { kind: 'slow'; delayMs: number }
  /** An HTTP error with OpenAI's error body: 400, 401, 429, 500… */
  | { kind: 'status'; status: number; message?: string }
  /** A fluent answer that states a number nobody computed. */
  | { kind: 'wrong-number' }
  /** Does what an injected note asks: the text after `SAY: "…"` in the prompt, as a model that obeyed would. */
  | { kind: 'obey' }
  /** A stream (or a body) of `chars` characters of `text` repeated, written as fast as the client reads it,
   * stopped when the client goes away: a provider that never stops talking. */
  | { kind: 'flood'; chars: number; text?: string; chunkChars?: number };

export interface FakeRequest {
  index: number;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body (undefined when not JSON). */
  body: any;
  raw: string;
  /** Characters of content written back so far, and whether the answer was written to its end. */
  answered: { chars: number; complete: boolean };
}

export type FakeScript = FakeBehaviour[] | ((req: FakeRequest) => FakeBehaviour);

export interface OpenAiFake {
  baseURL: string;
  requests: FakeRequest[];
  close: () => Promise<void>;
}

const lastUser = (body: any): string => [...(body?.messages ?? [])].reverse().find((m: any) => m.role === 'user')?.content ?? '';
const systemOf = (body: any): string => (body?.messages ?? []).find((m: any) => m.role === 'system')?.content ?? '';
export const isRecommendationsRequest = (body: any): boolean => !body?.stream && /"recommendations"/.test(lastUser(body));
const isFrench = (body: any) => /Écris uniquement en français/.test(systemOf(body));

/** The [type:id] tags of the prompt, in order: what a well-behaved model may cite. */
export function tagsOf(body: any): { type: string; id: number }[] {
  return [...lastUser(body).matchAll(/\[([a-z-]+):(\d+)\]/g)].map((m) => ({ type: m[1]!, id: Number(m[2]) }));
}

export function defaultContent(body: any): string {
  const fr = isFrench(body);
  if (isRecommendationsRequest(body)) {
    const tags = tagsOf(body);
    const pick = (i: number) => (tags[i] ? [tags[i]] : []);
    const recs = fr
      ? [
          { action: 'Relancer le client sur les documents en attente', reason: 'Des documents restent ouverts depuis un moment.', evidence: pick(0) },
          {
            action: 'Appeler le contact principal pour faire le point',
            reason: 'Les échanges récents montrent un intérêt pour la suite.',
            evidence: pick(1),
          },
          {
            action: 'Proposer une offre sur les produits les plus achetés',
            reason: 'Le client achète régulièrement les mêmes produits.',
            evidence: pick(2),
          },
        ]
      : [
          { action: 'Follow up with the client on the pending documents', reason: 'Some documents have been open for a while.', evidence: pick(0) },
          { action: 'Call the main contact for a review', reason: 'The recent exchanges show interest in what comes next.', evidence: pick(1) },
          { action: 'Offer a deal on the most bought products', reason: 'The client regularly buys the same products.', evidence: pick(2) },
        ];
    return JSON.stringify({ recommendations: recs });
  }
  return fr
    ? 'Le client a échangé régulièrement avec l’équipe ces derniers mois. Les notes évoquent des demandes de devis, un suivi des livraisons et une relation cordiale. Un rendez-vous de suivi reste à planifier.'
    : 'The client has been in regular contact with the team over the last months. The notes mention quote requests, delivery follow-ups and a friendly relationship. A follow-up meeting is still to be planned.';
}

function wrongNumberContent(body: any): string {
  const fr = isFrench(body);
  if (isRecommendationsRequest(body)) {
    const tags = tagsOf(body);
    const rec = (action: string, reason: string, i: number) => ({ action, reason, evidence: tags[i] ? [tags[i]] : [] });
    return JSON.stringify({
      recommendations: fr
        ? [
            rec('Relancer pour les 987 654,32 € dus', 'Le client doit 987 654,32 €.', 0),
            rec('Proposer une remise de 17 %', 'Le client a acheté 4242 produits.', 1),
          ]
        : [rec('Chase the €987,654.32 owed', 'The client owes €987,654.32.', 0), rec('Offer a 17% discount', 'The client bought 4,242 products.', 1)],
    });
  }
  return fr
    ? 'Le client a acheté pour 987 654,32 € au total et reste très actif avec l’équipe commerciale.'
    : 'The client bought €987,654.32 in total and remains very active with the sales team.';
}

function obeyContent(body: any): string {
  const said = /SAY:\s*"([^"]+)"/.exec(lastUser(body))?.[1];
  const text = said ?? defaultContent(body);
  if (!isRecommendationsRequest(body) || said === undefined) return text;
  const tags = tagsOf(body);
  return JSON.stringify({
    recommendations: [
      { action: text, reason: text, evidence: tags.slice(0, 1) },
      { action: text, reason: text, evidence: tags.slice(1, 2) },
    ],
  });
}

function completion(body: any, content: string, withUsage: boolean) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_764_374_400,
    model: body?.model ?? 'fake',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    ...(withUsage ? { usage: usageOf(body, content) } : {}),
  };
}

function usageOf(body: any, content: string) {
  const prompt = JSON.stringify(body?.messages ?? []).length >> 2;
  const completionTokens = Math.max(1, content.length >> 2);
  return { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens };
}

/** Splits a text into small pieces, as a model streams it: a few characters each, never cutting nothing. */
export function chunksOf(content: string): string[] {
  return content.match(/[\s\S]{1,7}/g) ?? [];
}

function chunk(body: any, delta: Record<string, unknown>, finish: string | null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_764_374_400,
    model: body?.model ?? 'fake',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  };
}

function cors(res: ServerResponse, req: IncomingMessage) {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? '*');
}

export async function startOpenAiFake(opts: { script?: FakeScript } = {}): Promise<OpenAiFake> {
  const requests: FakeRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const behaviourFor = (r: FakeRequest): FakeBehaviour => {
    const s = opts.script;
    if (!s) return { kind: 'normal' };
    if (typeof s === 'function') return s(r);
    return s[r.index] ?? s[s.length - 1] ?? { kind: 'normal' };
  };

  const server = createServer((req, res) => {
    cors(res, req);
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const path = (req.url ?? '').split('?')[0]!;
      if (req.method === 'GET' && path === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model', owned_by: 'fake' }] }));
      }
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } }));
      }
      const record: FakeRequest = {
        index: requests.length,
        method: req.method,
        path,
        headers: req.headers,
        body,
        raw,
        answered: { chars: 0, complete: false },
      };
      requests.push(record);
      answer(record, behaviourFor(record), res);
    });
  });

  function answer(r: FakeRequest, b: FakeBehaviour, res: ServerResponse) {
    const body = r.body;
    switch (b.kind) {
      case 'status': {
        res.writeHead(b.status, { 'content-type': 'application/json' });
        const type = b.status === 429 ? 'rate_limit_exceeded' : b.status === 401 ? 'invalid_api_key' : 'server_error';
        return void res.end(JSON.stringify({ error: { message: b.message ?? `fake ${b.status}`, type, code: type } }));
      }
      case 'slow': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) answer(r, { kind: 'normal' }, res);
        }, b.delayMs);
        timers.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
        return;
      }
      case 'flood':
        return flood(r, b, res);
      case 'malformed':
        if (body?.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(`data: ${JSON.stringify(chunk(body, { role: 'assistant', content: 'Le cli' }, null))}\n\n`);
          res.write('data: {"id": "chatcmpl-fake", "choices": [{"delta": \n\n');
          return void res.end('data: [DONE]\n\n');
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"id": "chatcmpl-fake", "object": "chat.completion", "choices": [{"message": ');
      default: {
        const content =
          b.kind === 'wrong-number' ? wrongNumberContent(body) : b.kind === 'obey' ? obeyContent(body) : (b.content ?? defaultContent(body));
        const withUsage = b.kind === 'normal' ? b.usage !== false : true;
        if (!body?.stream) {
          res.writeHead(200, { 'content-type': 'application/json' });
          r.answered = { chars: content.length, complete: true };
          return void res.end(JSON.stringify(completion(body, content, withUsage)));
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(`data: ${JSON.stringify(chunk(body, { role: 'assistant', content: '' }, null))}\n\n`);
        for (const piece of chunksOf(content)) res.write(`data: ${JSON.stringify(chunk(body, { content: piece }, null))}\n\n`);
        r.answered = { chars: content.length, complete: true };
        res.write(`data: ${JSON.stringify(chunk(body, {}, 'stop'))}\n\n`);
        if (withUsage && body?.stream_options?.include_usage) {
          const u = { ...chunk(body, {}, null), choices: [], usage: usageOf(body, content) };
          res.write(`data: ${JSON.stringify(u)}\n\n`);
        }
        return void res.end('data: [DONE]\n\n');
      }
    }
  }

  function flood(r: FakeRequest, b: Extract<FakeBehaviour, { kind: 'flood' }>, res: ServerResponse) {
    const unit = b.text ?? 'Le client a beaucoup à dire. ';
    const size = b.chunkChars ?? 16_384;
    const piece = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    const stream = !!r.body?.stream;
    res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
    if (!stream) res.write('{"id":"chatcmpl-fake","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"');
    const write = () => {
      while (!res.destroyed && r.answered.chars < b.chars) {
        const text = piece.slice(0, Math.min(piece.length, b.chars - r.answered.chars));
        r.answered.chars += text.length;
        const ok = res.write(stream ? `data: ${JSON.stringify(chunk(r.body, { content: text }, null))}\n\n` : JSON.stringify(text).slice(1, -1));
        if (!ok) return void res.once('drain', write);
      }
      if (res.destroyed) return;
      r.answered.complete = true;
      res.end(stream ? 'data: [DONE]\n\n' : '"},"finish_reason":"stop"}]}');
    };
    write();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
