// One line per end-to-end check ("ok   name — detail (ms)" or "FAIL name — reason"), counted, for every
// browser's runner.
export type Check = (name: string, fn: () => Promise<string | undefined>) => Promise<boolean>;

export function createChecker(): { check: Check; counts(): { passed: number; failed: number } } {
  let passed = 0;
  let failed = 0;
  const check: Check = async (name, fn) => {
    const t0 = Date.now();
    try {
      const detail = await fn();
      passed += 1;
      console.log(`ok   ${name}${detail ? ` — ${detail}` : ''} (${Date.now() - t0} ms)`);
      return true;
    } catch (err) {
      failed += 1;
      const msg = err instanceof Error ? err.message : String(err);
      console.log(`FAIL ${name} — ${msg.split('\n').slice(0, 6).join(' | ')}`);
      return false;
    }
  };
  return { check, counts: () => ({ passed, failed }) };
}

export function assert(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}
