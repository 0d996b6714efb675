// The source mode (docs/summary-contract.md §1) before any document is read: which documents the figures
// come from. The loader and the options page's Test connection both ask this.
import type { SourceMode, SourceModeSetting } from '../client/data';
import type { Staff } from './api-types';

const INVOICING_LICENCES = new Set(['pack_invoicing_management', 'pack_all_included']);

/** The setting, else an enabled invoicing licence means invoices. */
export function sourceModeOf(staff: Staff, setting: SourceModeSetting): { mode: SourceMode; reason: 'setting' | 'licence' | 'no-licence' } {
  if (setting !== 'auto') return { mode: setting, reason: 'setting' };
  const licences = Array.isArray(staff._embed?.licenses) ? staff._embed.licenses : [];
  const invoicing = licences.some((l) => l && l.enabled === true && INVOICING_LICENCES.has(l.code));
  return invoicing ? { mode: 'invoicing', reason: 'licence' } : { mode: 'sales', reason: 'no-licence' };
}
