import { useState } from 'react';
import { LIMITS } from '../../../electron/api/contract.ts';
import type { Lane, Stage } from '../../../electron/api/types.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { InlineEditor } from '../components/InlineEditor.tsx';
import { laneSubtitle } from '../labels.ts';
import { deleteLane, deleteStage, moveLane, moveStage, updateLane, updateStage } from '../store/commands.ts';
import { quoteCountWords, stageEvidence, stageFlags } from '../store/evidence.ts';
import { useMapStore, usePerform } from '../store/MapStoreContext.tsx';
import { useDeleteSummary } from './useDeleteSummary.ts';

/** How a stage (a column) and a lane (a row) differ in their header: the words and the arrows. */
const AXES = {
  stage: { nameWord: 'Name', back: ['left', '←'], forward: ['right', '→'] },
  lane: { nameWord: 'Title', back: ['up', '↑'], forward: ['down', '↓'] },
} as const;

interface HeaderCellProps {
  kind: 'stage' | 'lane';
  id: string;
  name: string;
  /** A line under the name (a stage's goal, a lane's kind); nothing when empty. */
  subtitle: string;
  /** More about it under the subtitle (a stage's evidence). */
  note?: React.ReactNode;
  index: number;
  count: number;
  onRename: (name: string) => void;
  onMove: (to: number) => void;
  onDelete: () => void;
}

/**
 * The header of a stage or a lane in the table: its name (edited in place), and buttons to rename, move it one
 * place back or forward, and delete it after a confirmation that says what goes with it.
 */
export function HeaderCell({ kind, id, name, subtitle, note, index, count, onRename, onMove, onDelete }: HeaderCellProps) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const summary = useDeleteSummary(kind, id, confirming);
  const { nameWord, back, forward } = AXES[kind];
  const what = `${kind} ${name}`;

  return (
    <div className="header-cell">
      {renaming ? (
        <InlineEditor
          label={`${nameWord} of ${what}`}
          initial={name}
          maxLength={LIMITS.name}
          onCommit={(next) => {
            setRenaming(false);
            onRename(next);
          }}
          onCancel={() => setRenaming(false)}
        />
      ) : (
        <span className="header-name" onDoubleClick={() => setRenaming(true)}>
          {name}
        </span>
      )}
      {subtitle && <span className="header-sub">{subtitle}</span>}
      {note}
      <span className="header-actions">
        <button type="button" aria-label={`Rename ${what}`} title="Rename" onClick={() => setRenaming(true)}>
          ✎
        </button>
        {([
          [back, index - 1, index === 0],
          [forward, index + 1, index === count - 1],
        ] as const).map(([[direction, arrow], to, disabled]) => (
          <button
            key={direction}
            type="button"
            aria-label={`Move ${what} ${direction}`}
            title={`Move ${direction}`}
            disabled={disabled}
            onClick={() => onMove(to)}
          >
            {arrow}
          </button>
        ))}
        <button type="button" aria-label={`Delete ${what}`} title="Delete" onClick={() => setConfirming(true)}>
          ✕
        </button>
      </span>
      {confirming && (
        <ConfirmDialog
          title={`Delete the ${kind} "${name}"?`}
          message={summary}
          confirmLabel={`Delete ${kind}`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onDelete();
          }}
        />
      )}
    </div>
  );
}

/** How many quotes back a stage, and its flag in words ("No evidence yet", "Workshop says +2, evidence says −1 (n=4)"). */
function StageEvidenceNote({ stageId }: { stageId: string }) {
  const count = useMapStore((s) => stageEvidence(s).get(stageId)?.quoteCount ?? 0);
  const words = useMapStore((s) => stageFlags(s).get(stageId)?.words ?? '');
  return (
    <span className="header-sub">
      <span className="evidence-count">❝ {quoteCountWords(count)}</span>
      {words && <span className="evidence-flag"> · ⚠ {words}</span>}
    </span>
  );
}

export function StageHeader({ stage, index, count }: { stage: Stage; index: number; count: number }) {
  const perform = usePerform();
  return (
    <HeaderCell
      kind="stage"
      id={stage.id}
      name={stage.name}
      subtitle={stage.goal ? `Goal: ${stage.goal}` : ''}
      note={<StageEvidenceNote stageId={stage.id} />}
      index={index}
      count={count}
      onRename={(name) => void perform((m) => updateStage(m, stage.id, { name }, 'Rename stage'))}
      onMove={(to) => void perform((m) => moveStage(m, stage.id, to))}
      onDelete={() => void perform((m) => deleteStage(m, stage.id))}
    />
  );
}

export function LaneHeader({ lane, index, count }: { lane: Lane; index: number; count: number }) {
  const perform = usePerform();
  return (
    <HeaderCell
      kind="lane"
      id={lane.id}
      name={lane.title}
      subtitle={laneSubtitle(lane)}
      index={index}
      count={count}
      onRename={(title) => void perform((m) => updateLane(m, lane.id, { title }, 'Rename lane'))}
      onMove={(to) => void perform((m) => moveLane(m, lane.id, to))}
      onDelete={() => void perform((m) => deleteLane(m, lane.id))}
    />
  );
}
