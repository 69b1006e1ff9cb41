import { useEffect } from 'react';
import { useMapStore } from '../store/MapStoreContext.tsx';

/** Is the key event aimed at a text field, which keeps its own undo and shortcuts? */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** Undo and redo buttons, and their shortcuts: Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and Ctrl+Y. */
export function HistoryControls() {
  const undoLabel = useMapStore((s) => s.undoStack.at(-1)?.label);
  const redoLabel = useMapStore((s) => s.redoStack.at(-1)?.label);
  const undo = useMapStore((s) => s.undo);
  const redo = useMapStore((s) => s.redo);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if ((key === 'z' && e.shiftKey) || (key === 'y' && e.ctrlKey && !e.metaKey)) {
        e.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  return (
    <div className="history" role="group" aria-label="History">
      <button type="button" onClick={() => void undo()} disabled={!undoLabel} title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}>
        ↶ Undo
      </button>
      <button type="button" onClick={() => void redo()} disabled={!redoLabel} title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}>
        ↷ Redo
      </button>
    </div>
  );
}
