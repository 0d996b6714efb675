// The "Résumé" control in the Sellsy record page: a real button in our own shadow root, next to the
// record's tabs or floating in a corner. It opens and closes the same panel as the toolbar button.
import type { PanelModel } from '@/components/panel/model';
import { TOGGLE_PANEL_KEYS } from '@/lib/commands';
import { isClientPage } from '@/lib/sellsy-web/detect';
import { entryStrings } from '@/lib/words/entry';

export type EntryPlacement = 'tabs' | 'floating';

export interface EntryButtonProps {
  model: PanelModel;
  placement: EntryPlacement;
  /** Which clicks count; by default only trusted ones (tests hand in their own). */
  acceptClick?: (e: MouseEvent) => boolean;
}

const trusted = (e: MouseEvent) => e.isTrusted;

export function EntryButton({ model, placement, acceptClick = trusted }: EntryButtonProps) {
  if (!isClientPage(model.page.value)) return null;
  const open = model.open.value;
  const s = entryStrings(model.language.value);
  const hint = `${open ? s.close : s.open} (${s.shortcut(TOGGLE_PANEL_KEYS)})`;
  const onClick = (e: MouseEvent) => {
    // A page script can reach into an open shadow root and call click(): only the user's own click or
    // key press (trusted events; Enter and Space on a button make a trusted click) drives the extension.
    if (!acceptClick(e)) return;
    model.toggle();
  };
  return (
    <button
      type="button"
      class={`entry entry-${placement}`}
      data-testid="entry"
      data-placement={placement}
      aria-expanded={open}
      aria-keyshortcuts={TOGGLE_PANEL_KEYS}
      title={hint}
      onClick={onClick}
    >
      <span class="entry-mark" aria-hidden="true">
        ≡
      </span>
      {s.label}
    </button>
  );
}
