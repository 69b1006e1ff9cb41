import { useEffect, useId, useRef, useState } from 'react';
import { labelOf, runAction } from '../actions/dispatch.ts';
import { windowAction } from '../actions/table.ts';
import { useMapStore, useMapStoreApi } from '../store/MapStoreContext.tsx';
import { useUiStore } from '../store/uiStore.ts';
import { BundleExportDialog } from './BundleDialogs.tsx';
import { PngExportDialog } from './png/PngExportDialog.tsx';
import { WorkbookDialog } from './WorkbookDialog.tsx';

/** The exports of the open map, in the order the menu lists them (each an action of the table of actions). */
export const EXPORT_ACTIONS = ['export.workbook', 'export.png', 'export.bundle'] as const;

/**
 * The map header's Export menu: a button that opens a short menu of the exports (the same actions as the
 * desktop's File menu), and the dialog of the one picked.
 */
export function ExportMenu() {
  const store = useMapStoreApi();
  const ui = useUiStore();
  const map = useMapStore((s) => s.map);
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const ctx = { ui, store };

  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    // The first item takes the focus, so the keyboard goes on from there.
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!open) return;
    const items = [...(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.stopPropagation();
      setOpen(false);
      root.current?.querySelector<HTMLButtonElement>('[aria-haspopup="menu"]')?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  };

  return (
    <div className="export-menu" ref={root} onKeyDown={onKeyDown}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} aria-controls={open ? menuId : undefined} onClick={() => setOpen((o) => !o)}>
        Export ▾
      </button>
      {open && (
        <div role="menu" id={menuId} aria-label="Export this map" className="export-menu-items">
          {EXPORT_ACTIONS.map((name) => {
            const action = windowAction(name);
            return (
              <button
                key={name}
                type="button"
                role="menuitem"
                onClick={() => {
                  setOpen(false);
                  runAction(action, ctx);
                }}
              >
                {labelOf(action, ctx)}
              </button>
            );
          })}
        </div>
      )}
      {ui.fileDialog === 'export.workbook' && <WorkbookDialog mapId={map.id} mapTitle={map.title} onClose={() => ui.openFileDialog(null)} />}
      {ui.fileDialog === 'export.png' && <PngExportDialog onClose={() => ui.openFileDialog(null)} />}
      {ui.fileDialog === 'export.bundle' && <BundleExportDialog mapId={map.id} mapTitle={map.title} onClose={() => ui.openFileDialog(null)} />}
    </div>
  );
}
