/**
 * UndoNotice — a status line that says what was just deleted, with a button that brings it back.
 * Props: `notice` ({ text } or null: nothing to say; the region stays in place so screen readers hear what
 * comes into it), `onUndo()` (restores it, usually tombstones.restore with the delete's tombstone), `onDismiss()`.
 */
export interface UndoNoticeProps {
  notice: { text: string } | null;
  onUndo: () => void;
  onDismiss: () => void;
}

export function UndoNotice({ notice, onUndo, onDismiss }: UndoNoticeProps) {
  return (
    <div className="undo-slot" role="status">
      {notice && (
        <div className="undo-notice">
          <span>{notice.text}</span>
          <button type="button" onClick={onUndo}>
            Undo
          </button>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
