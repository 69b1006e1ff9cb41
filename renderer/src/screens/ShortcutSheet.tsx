import { shortcutsOf } from '../actions/dispatch.ts';
import { ACTIONS, GESTURES } from '../actions/table.ts';
import type { Action, ActionGroup } from '../actions/types.ts';
import { useModal } from '../components/useModal.ts';
import { useUiStore } from '../store/uiStore.ts';

const ORDER: readonly ActionGroup[] = ['Capture', 'Editing text', 'Select and move', 'Clipboard and history', 'View', 'Panels'];

export interface SheetRow {
  keys: string;
  what: string;
}

const describe = (a: Action): string => a.describe ?? (typeof a.label === 'string' ? a.label : a.name);

/** The sheet's rows, read from the table of actions: every binding it holds, and the pointer's gestures. */
export function sheetRows(mac?: boolean): { title: ActionGroup; rows: SheetRow[] }[] {
  return ORDER.map((title) => {
    const rows: SheetRow[] = [];
    for (const a of ACTIONS) {
      if (a.group !== title) continue;
      const keys = [...shortcutsOf(a, mac), ...(a.pointer ? [a.pointer] : [])];
      if (keys.length > 0) rows.push({ keys: keys.join(' · '), what: describe(a) });
    }
    for (const g of GESTURES) if (g.group === title) rows.push({ keys: g.pointer, what: g.describe });
    return { title, rows };
  }).filter((g) => g.rows.length > 0);
}

function Sheet({ onClose }: { onClose: () => void }) {
  const ref = useModal();
  return (
    <dialog
      ref={ref}
      className="shortcuts"
      aria-labelledby="shortcuts-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <div className="shortcut-groups">
        {sheetRows().map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h3>{g.title}</h3>
            <dl>
              {g.rows.map((r) => (
                <div key={`${r.keys}|${r.what}`} className="shortcut">
                  <dt>{r.keys}</dt>
                  <dd>{r.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <button type="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}

/** The shortcut sheet: `?` anywhere outside a text field (a window action), or the header button. */
export function ShortcutSheet() {
  const open = useUiStore((s) => s.shortcutsOpen);
  const setOpen = useUiStore((s) => s.setShortcutsOpen);
  return (
    <>
      <button type="button" className="topbar-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setOpen(true)}>
        ?
      </button>
      {open && <Sheet onClose={() => setOpen(false)} />}
    </>
  );
}
