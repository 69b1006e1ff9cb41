import { useEffect, useState } from 'react';
import { useModal } from '../components/useModal.ts';
import { isTyping } from './HistoryControls.tsx';

const mac = typeof navigator !== 'undefined' && /Macintosh|Mac OS X|iPhone|iPad/.test(navigator.userAgent);
const MOD = mac ? '⌘' : 'Ctrl';

const GROUPS: { title: string; keys: [string, string][] }[] = [
  {
    title: 'Capture',
    keys: [
      ['Double-click a cell, or Enter on a selected cell', 'Add a card'],
      ['Double-click a card, or Enter on it', 'Edit its text'],
      ['Enter · Shift+Enter', 'Finish · new line in a card'],
      ['Escape', 'Cancel the edit, or clear the selection'],
      ['Double-click a stage or lane header', 'Rename it'],
      ['Double-click an emotion point', 'Edit its label'],
    ],
  },
  {
    title: 'Select and move',
    keys: [
      ['Click · Shift+click · drag on empty space', 'Select · add to selection · select with a rectangle'],
      ['Arrow keys', 'Move between cells and cards'],
      ['Alt+arrow keys', 'Move the selected cards, stage or lane'],
      ['↑ / ↓ on an emotion point', 'Raise or lower the score'],
      [`${MOD}+A`, 'Select all cards'],
      ['Delete or Backspace', 'Delete the selection (stages and lanes ask first)'],
    ],
  },
  {
    title: 'Clipboard and history',
    keys: [
      [`${MOD}+C · ${MOD}+X · ${MOD}+V`, 'Copy · cut · paste cards (also between maps)'],
      [`${MOD}+D`, 'Duplicate cards'],
      [`${MOD}+Z`, 'Undo'],
      [`Shift+${MOD}+Z · Ctrl+Y`, 'Redo'],
    ],
  },
  {
    title: 'View',
    keys: [
      ['Wheel · Shift+wheel · space+drag', 'Pan'],
      [`${MOD}+wheel · pinch`, 'Zoom at the pointer'],
      [`${MOD}+= · ${MOD}+− · ${MOD}+0`, 'Zoom in · out · 100%'],
      ['Shift+1', 'Fit the map to the window'],
      ['?', 'This sheet'],
    ],
  },
];

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
        {GROUPS.map((g) => (
          <section key={g.title}>
            <h3>{g.title}</h3>
            <dl>
              {g.keys.map(([keys, what]) => (
                <div key={keys} className="shortcut">
                  <dt>{keys}</dt>
                  <dd>{what}</dd>
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

/** The shortcut sheet: `?` anywhere outside a text field, or the header button. */
export function ShortcutSheet() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" className="topbar-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setOpen(true)}>
        ?
      </button>
      {open && <Sheet onClose={() => setOpen(false)} />}
    </>
  );
}
