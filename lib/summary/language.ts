// docs/summary-contract.md §8: the texts' language is the user's setting, else the Sellsy user's language (the closest the API
// gives to the account's), else the browser's. The first one present decides; what we do not write is English.
import { type Lang, primaryTag, toLang } from '../words/lang';

export type SummaryLanguage = Lang;

export function resolveLanguage(
  setting: string | null | undefined,
  staffLanguage: string | null | undefined,
  browserLanguage: string | null | undefined,
): SummaryLanguage {
  const chosen = setting && setting !== 'auto' ? primaryTag(setting) : null;
  return toLang(chosen ?? primaryTag(staffLanguage) ?? primaryTag(browserLanguage));
}
