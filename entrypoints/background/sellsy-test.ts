// The options page's "Test connection": one GET /staffs/me that proves the URLs and credentials work and
// says which account and licences they open, and so which documents the summaries will be built from.
import type { RequestMap } from '@/lib/messages';
import type { SellsyApi } from '@/lib/sellsy/api';
import type { Staff } from '@/lib/sellsy/api-types';
import { sourceModeOf } from '@/lib/sellsy/source-mode';
import type { SourceModeChoice } from '@/lib/settings/types';
import { fetchStaff } from './accounts';

type TestResult = RequestMap['sellsy:test']['res'];

export function describeStaff(staff: Staff, sourceModeSetting: SourceModeChoice): Extract<TestResult, { ok: true }> {
  const licences = (Array.isArray(staff._embed?.licenses) ? staff._embed.licenses : []).filter(
    (l) => l && l.enabled === true && typeof l.code === 'string',
  );
  const userName = [staff.firstname, staff.lastname].filter((p) => typeof p === 'string' && p.trim()).join(' ');
  return {
    ok: true,
    accountName: String(staff._embed?.account?.name ?? ''),
    userName: userName || String(staff.email ?? ''),
    licences: licences.map((l) => l.code),
    // The data layer's rule, so the test says what the summaries will do.
    sourceMode: sourceModeOf(staff, sourceModeSetting).mode,
  };
}

export async function testSellsy(
  api: SellsyApi,
  sourceModeSetting: SourceModeChoice,
  signal?: AbortSignal,
): Promise<{ result: TestResult; accountId: string | null }> {
  try {
    const staff = await fetchStaff(api, signal);
    return { result: describeStaff(staff, sourceModeSetting), accountId: String(staff._embed!.account!.id) };
  } catch (e) {
    return { result: { ok: false, message: e instanceof Error ? e.message : String(e) }, accountId: null };
  }
}
