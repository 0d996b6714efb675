// What the end-to-end checks compare the extension with, in any browser: the command line's summary of the
// same client, the local Sellsy's request log, the user's calendar date.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Summary } from '../../lib/summary/types';
import { DEMO } from '../sellsy/demo';
import type { FakeSellsy } from '../sellsy/server';

const run = promisify(execFile);

/** The user's local calendar date, as the extension computes it. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** API requests in the fake's log, as "METHOD /path" (a batch lists its sub-requests), leaving out the token endpoint and the page routes. */
export function apiRequests(sellsy: FakeSellsy): string[] {
  return sellsy.log
    .filter((r) => r.path.startsWith('/v2/') && r.method !== 'OPTIONS')
    .map((r) => {
      const line = `${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query as Record<string, string>)}` : ''}`;
      if (!r.path.endsWith('/batch') || typeof r.body !== 'string') return line;
      const subs = r.body
        .split('\n')
        .map((l) => /"uri"\s*:\s*"([^"]+)"/.exec(l)?.[1])
        .filter(Boolean);
      return `${line} [${subs.join(', ')}]`;
    });
}

/** Requests for a client's documents or activity: a prospect's page must make none. */
export const DOCUMENT_REQUEST = /invoices|estimates|credit-notes|opportunities|payments|comments|tasks|phone-calls|calendar-events|items|orders/;

/** `tsx scripts/summary.ts … --json --no-ai` against the local Sellsy: the figures the panel must show. */
export async function cliSummary(sellsy: FakeSellsy, kind: 'company' | 'individual', id: number, today: string): Promise<Summary> {
  const { stdout } = await run('npx', ['tsx', 'scripts/summary.ts', kind, String(id), '--today', today, '--json', '--no-ai'], {
    env: {
      ...process.env,
      SELLSY_API_URL: sellsy.apiUrl,
      SELLSY_TOKEN_URL: sellsy.tokenUrl,
      SELLSY_CLIENT_ID: DEMO.clientId,
      SELLSY_CLIENT_SECRET: DEMO.clientSecret,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Summary;
}
