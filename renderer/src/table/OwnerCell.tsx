import { memo, useState } from 'react';
import { LIMITS } from '../../../electron/api/contract.ts';
import type { Stage } from '../../../electron/api/types.ts';
import { InlineEditor } from '../components/InlineEditor.tsx';
import { updateStage } from '../store/commands.ts';
import { usePerform } from '../store/MapStoreContext.tsx';

/** The team that owns a stage (the stage's `owner`), shown in an owners lane. */
export const OwnerCell = memo(function OwnerCell({ stage }: { stage: Stage }) {
  const perform = usePerform();
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <InlineEditor
        label={`Owner of ${stage.name}`}
        initial={stage.owner}
        maxLength={LIMITS.name}
        onCommit={(owner) => {
          setEditing(false);
          void perform((m) => updateStage(m, stage.id, { owner }, 'Set owner'));
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <div className="cell owner-cell">
      <span className={stage.owner ? 'owner-name' : 'owner-name muted'}>{stage.owner || '—'}</span>
      <button type="button" aria-label={`Set owner of ${stage.name}`} title="Set owner" onClick={() => setEditing(true)}>
        ✎
      </button>
    </div>
  );
});
