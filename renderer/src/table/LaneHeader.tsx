import { useState } from 'react';
import { LIMITS } from '../../../electron/api/contract.ts';
import type { Lane } from '../../../electron/api/types.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { InlineEditor } from '../components/InlineEditor.tsx';
import { LANE_KIND_NAMES } from '../labels.ts';
import { deleteLane, moveLane, updateLane } from '../store/commands.ts';
import { usePerform } from '../store/MapStoreContext.tsx';
import { useDeleteSummary } from './useDeleteSummary.ts';

export function LaneHeader({ lane, index, count }: { lane: Lane; index: number; count: number }) {
  const perform = usePerform();
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const summary = useDeleteSummary('lane', lane.id, confirming);

  return (
    <div className="header-cell">
      {renaming ? (
        <InlineEditor
          label={`Title of lane ${lane.title}`}
          initial={lane.title}
          maxLength={LIMITS.name}
          onCommit={(title) => {
            setRenaming(false);
            void perform((m) => updateLane(m, lane.id, { title }, 'Rename lane'));
          }}
          onCancel={() => setRenaming(false)}
        />
      ) : (
        <span className="header-name" onDoubleClick={() => setRenaming(true)}>
          {lane.title}
        </span>
      )}
      <span className="header-sub">{LANE_KIND_NAMES[lane.kind]}</span>
      <span className="header-actions">
        <button type="button" aria-label={`Rename lane ${lane.title}`} title="Rename" onClick={() => setRenaming(true)}>
          ✎
        </button>
        <button
          type="button"
          aria-label={`Move lane ${lane.title} up`}
          title="Move up"
          disabled={index === 0}
          onClick={() => void perform((m) => moveLane(m, lane.id, index - 1))}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={`Move lane ${lane.title} down`}
          title="Move down"
          disabled={index === count - 1}
          onClick={() => void perform((m) => moveLane(m, lane.id, index + 1))}
        >
          ↓
        </button>
        <button type="button" aria-label={`Delete lane ${lane.title}`} title="Delete" onClick={() => setConfirming(true)}>
          ✕
        </button>
      </span>
      {confirming && (
        <ConfirmDialog
          title={`Delete the lane "${lane.title}"?`}
          message={summary}
          confirmLabel="Delete lane"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void perform((m) => deleteLane(m, lane.id));
          }}
        />
      )}
    </div>
  );
}
