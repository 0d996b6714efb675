// The first step of a load: the third's record (is it a client?) and the user (account, language, licences),
// side by side, then the account's default currency when the user's preferences do not give it.
import type { ClientKind } from '../client/data';
import type { ThirdType } from '../client/records';
import type { SellsyApi } from './api';
import type { Company, Individual, Staff } from './api-types';
import { SellsyError } from './errors';

export interface ClientRef {
  kind: ClientKind | 'unknown';
  id: number;
}

export interface ClientRecord {
  kind: ClientKind;
  id: number;
  name: string;
  thirdType: ThirdType;
}

export interface Identity {
  record: ClientRecord;
  staff: Staff;
  accountId: string;
  accountName: string | null;
  staffLanguage: string | null;
}

/** The record and the user; `onRecord` runs between the two answers (the progress bar's first step). */
export async function loadIdentity(api: SellsyApi, ref: ClientRef, signal: AbortSignal | undefined, onRecord: () => void): Promise<Identity> {
  const staffPromise = api.get<Staff>('/staffs/me', { 'embed[]': ['licenses', 'account', 'preferences'] }, { signal });
  staffPromise.catch(() => undefined);
  const record = await fetchRecord(api, ref, signal);
  onRecord();
  const staff = await staffPromise;
  const account = staff?._embed?.account;
  if (!account || (typeof account.id !== 'number' && typeof account.id !== 'string')) {
    throw new SellsyError('invalid-data', 'GET /staffs/me answered without the account (embed[]=account): cannot key the cache');
  }
  return {
    record,
    staff,
    accountId: String(account.id),
    accountName: typeof account.name === 'string' ? account.name : null,
    staffLanguage: typeof staff.language === 'string' && staff.language ? staff.language : null,
  };
}

async function fetchRecord(api: SellsyApi, ref: ClientRef, signal?: AbortSignal): Promise<ClientRecord> {
  const fields = { 'field[]': ['id', 'type', 'name', 'first_name', 'last_name'] };
  if (ref.kind !== 'individual') {
    try {
      const c = await api.get<Company>(`/companies/${ref.id}`, fields, { signal });
      return checkRecord('company', ref.id, c, typeof c?.name === 'string' ? c.name : null);
    } catch (e) {
      if (!(ref.kind === 'unknown' && e instanceof SellsyError && e.kind === 'not-found')) throw e;
    }
  }
  const i = await api.get<Individual>(`/individuals/${ref.id}`, fields, { signal });
  const name = [i?.first_name, i?.last_name].filter((p) => typeof p === 'string' && p.trim()).join(' ');
  return checkRecord('individual', ref.id, i, name || null);
}

function checkRecord(kind: ClientKind, id: number, raw: { id?: unknown; type?: unknown } | null, name: string | null): ClientRecord {
  const type = raw?.type;
  if (!raw || raw.id !== id || (type !== 'client' && type !== 'prospect' && type !== 'supplier') || name === null) {
    throw new SellsyError(
      'invalid-data',
      `GET /${kind === 'company' ? 'companies' : 'individuals'}/${id} answered a record without a usable id, type or name`,
    );
  }
  return { kind, id, name, thirdType: type };
}

/** The user's preferred currency, else the account's default one; null when Sellsy gives neither. */
export async function defaultCurrency(api: SellsyApi, staff: Staff, signal?: AbortSignal): Promise<string | null> {
  const pref = staff._embed?.preferences?.currency;
  if (typeof pref === 'string' && /^[A-Z]{3}$/.test(pref)) return pref;
  try {
    const res = await api.get<unknown>('/currencies', { limit: 100 }, { signal });
    const list = Array.isArray(res) ? res : Array.isArray((res as { data?: unknown })?.data) ? (res as { data: unknown[] }).data : [];
    const found = list.find((c) => (c as { is_default?: unknown })?.is_default === true) as { code?: unknown } | undefined;
    return typeof found?.code === 'string' ? found.code : null;
  } catch (e) {
    if (e instanceof SellsyError && (e.kind === 'forbidden' || e.kind === 'not-found' || e.kind === 'payment-required')) return null;
    throw e;
  }
}
