// The card engine's output, byte for byte, against summaries computed by the engine as it was before it was
// made fast (main at bedf5a4, 1.3 s for 100 000 documents): the golden files under fixtures/golden were written
// by that code. Golden files rather than a copy of the old engine beside the new one: a copy would have to
// follow every move of the client model and every change of wording, where a golden file is regenerated on
// purpose (`npx vitest run test/unit/cards/golden.test.ts -u`, then read the diff) when a figure's rule changes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { syntheticClient } from '../../../bench/synthetic';
import { computeSummary } from '../../../lib/cards/index';
import { variedClient } from './varied-client';

const GENERATED_AT = '2026-11-29T08:00:00.000Z';
const golden = (name: string) => `./fixtures/golden/${name}`;
/** Twelve in a row, then 13 (credit notes but no counted purchase: `no-purchase`) and 41 (totals past 2^53 cents). */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 41];

describe('the card engine gives the same summaries as before, byte for byte', () => {
  for (const seed of SEEDS) {
    const size = 30 + (seed % 5) * 25;
    it(`generated client ${seed} (size ${size})`, async () => {
      const { data, today, language } = variedClient(seed, size);
      const json = JSON.stringify(computeSummary(data, { today, language, generatedAt: GENERATED_AT }), null, 2);
      await expect(`${json}\n`).toMatchFileSnapshot(golden(`varied-${seed}.json`));
    });
  }

  it('the bench client of 120 documents', async () => {
    const json = JSON.stringify(computeSummary(syntheticClient(120), { today: '2026-11-29', language: 'fr', generatedAt: GENERATED_AT }), null, 2);
    await expect(`${json}\n`).toMatchFileSnapshot(golden('synthetic-120.json'));
  });

  it('the bench client of 10 000 documents (its JSON is 3.5 MB: its SHA-256 is kept)', async () => {
    const json = JSON.stringify(computeSummary(syntheticClient(10_000), { today: '2026-11-29', language: 'en', generatedAt: GENERATED_AT }));
    await expect(`${createHash('sha256').update(json).digest('hex')}\n`).toMatchFileSnapshot(golden('synthetic-10000.sha256'));
  });
});
