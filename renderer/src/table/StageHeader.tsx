import { useState } from 'react';
import { LIMITS } from '../../../electron/api/contract.ts';
import type { Stage } from '../../../electron/api/types.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { InlineEditor } from '../components/InlineEditor.tsx';
import { deleteStage, moveStage, updateStage } from '../store/commands.ts';
import { usePerform } from '../store/MapStoreContext.tsx';
import { useDeleteSummary } from './useDeleteSummary.ts';

export function StageHeader({ stage, index, count }: { stage: Stage; index: number; count: number }) {
  const perform = usePerform();
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const summary = useDeleteSummary('stage', stage.id, confirming);

  return (
    <div className="header-cell">
      {renaming ? (
        <InlineEditor
          label={`Name of stage ${stage.name}`}
          initial={stage.name}
          maxLength={LIMITS.name}
          onCommit={(name) => {
            setRenaming(false);
            void perform((m) => updateStage(m, stage.id, { name }, 'Rename stage'));
          }}
          onCancel={() => setRenaming(false)}
        />
      ) : (
        <span className="header-name" onDoubleClick={() => setRenaming(true)}>
          {stage.name}
        </span>
      )}
      {stage.goal && <span className="header-sub">Goal: {stage.goal}</span>}
      <span className="header-actions">
        <button type="button" aria-label={`Rename stage ${stage.name}`} title="Rename" onClick={() => setRenaming(true)}>
          ✎
        </button>
        <button
          type="button"
          aria-label={`Move stage ${stage.name} left`}
          title="Move left"
          disabled={index === 0}
          onClick={() => void perform((m) => moveStage(m, stage.id, index - 1))}
        >
          ←
        </button>
        <button
          type="button"
          aria-label={`Move stage ${stage.name} right`}
          title="Move right"
          disabled={index === count - 1}
          onClick={() => void perform((m) => moveStage(m, stage.id, index + 1))}
        >
          →
        </button>
        <button type="button" aria-label={`Delete stage ${stage.name}`} title="Delete" onClick={() => setConfirming(true)}>
          ✕
        </button>
      </span>
      {confirming && (
        <ConfirmDialog
          title={`Delete the stage "${stage.name}"?`}
          message={summary}
          confirmLabel="Delete stage"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void perform((m) => deleteStage(m, stage.id));
          }}
        />
      )}
    </div>
  );
}
