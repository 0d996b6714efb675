// The background calls lib/summary/build.ts through its own BuildFn type: keep the two assignable.
import { describe, expect, it } from 'vitest';
import type { BuildFn } from '../../../entrypoints/background/summary-port';
import { buildClientSummary } from '../../../lib/summary/build';

describe('buildClientSummary contract', () => {
  it("is assignable to the background's BuildFn", () => {
    const asBackgroundCallsIt: BuildFn = buildClientSummary;
    expect(typeof asBackgroundCallsIt).toBe('function');
  });
});
