// The one module that knows Sellsy's web-app URLs: which page shows which record. Pure: the content
// script, the background and the tests all call it with a URL string.
import type { PageRef } from '../messages';
import { LOOPBACK_HOSTS, SELLSY_PAGE_HOSTS } from '../sellsy/hosts';

export interface DetectOptions {
  /** Local builds only: also accept loopback origins (the local Sellsy fake), any port. */
  allowLocal?: boolean;
}

const SELLSY_HOSTS = new Set(SELLSY_PAGE_HOSTS);
const LOOPBACK = new Set(LOOPBACK_HOSTS);
const THIRD_TYPES = ['client', 'prospect', 'supplier'] as const;
type ThirdPageType = (typeof THIRD_TYPES)[number];

const THIRD_PATH = /^\/thirds\/(client|prospect|supplier)\/([^/]+)(?:\/.*)?$/;
const PEOPLE_PATH = /^\/peoples\/([^/]+)(?:\/.*)?$/;
/** Paths the old interface served its `?_f=` pages from. */
const LEGACY_PATHS = new Set(['/', '/index.php']);

/** A record id as Sellsy writes it: decimal digits, no sign, no leading zero, a safe integer. */
export function parseId(text: string | null | undefined): number | null {
  if (!text || !/^[1-9]\d{0,15}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** True for the origins whose pages can be records: Sellsy's own, and loopback in local builds. */
export function isSellsyOrigin(url: URL, opts: DetectOptions = {}): boolean {
  if (url.username || url.password) return false;
  if (url.protocol === 'https:' && SELLSY_HOSTS.has(url.hostname) && url.port === '') return true;
  return !!opts.allowLocal && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname);
}

/** The record a Sellsy page shows, or null when the URL is not a record page we know. */
export function detectPage(url: string, opts: DetectOptions = {}): PageRef | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!isSellsyOrigin(u, opts)) return null;
  const origin = u.origin;

  const third = THIRD_PATH.exec(u.pathname);
  if (third) {
    const id = parseId(third[2]);
    return id === null ? null : { thirdType: third[1] as ThirdPageType, id, origin };
  }
  const people = PEOPLE_PATH.exec(u.pathname);
  if (people) {
    const id = parseId(people[1]);
    return id === null ? null : { thirdType: 'people', id, origin };
  }
  if (LEGACY_PATHS.has(u.pathname) && u.searchParams.get('_f') === 'third') {
    const type = u.searchParams.get('thirdtype');
    const id = parseId(u.searchParams.get('thirdid'));
    if (id === null || !THIRD_TYPES.includes(type as ThirdPageType)) return null;
    return { thirdType: type as ThirdPageType, id, origin };
  }
  return null;
}

/**
 * A client's record page (a company or an individual): where the in-page control and the toolbar mark show.
 * Prospect, supplier and contact pages are records too, but have no summary to offer.
 */
export function isClientPage(page: PageRef | null | undefined): boolean {
  return page?.thirdType === 'client';
}

/** Checks that a value received over a message is a PageRef this detector could have made. */
export function isPageRef(value: unknown, opts: DetectOptions = {}): value is PageRef {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (!['client', 'prospect', 'supplier', 'people'].includes(v.thirdType as string)) return false;
  if (typeof v.id !== 'number' || !Number.isSafeInteger(v.id) || v.id <= 0) return false;
  if (typeof v.origin !== 'string') return false;
  try {
    const u = new URL(v.origin);
    return u.origin === v.origin && isSellsyOrigin(u, opts);
  } catch {
    return false;
  }
}

/** True for an http(s) loopback origin (the local Sellsy fake), whatever the port. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK.has(u.hostname) && u.origin === origin;
  } catch {
    return false;
  }
}
