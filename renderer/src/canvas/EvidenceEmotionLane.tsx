import { memo } from 'react';
import { Group } from 'react-konva';
import { useEditedCurve } from '../store/curveChoice.ts';
import { useMapStore } from '../store/MapStoreContext.tsx';
import { EmotionCurve } from './EmotionCurve.tsx';
import { EvidenceLines, EvidenceMarks } from './EvidenceCurve.tsx';
import { EvidenceCellView } from './EvidenceLane.tsx';
import type { LaneBox, MapLayout, StageBox } from './layout.ts';
import { PersonaCurves } from './PersonaCurves.tsx';

interface EmotionLaneProps {
  layout: MapLayout;
  lane: LaneBox;
  selectedStageId: string | null;
  draggingStageId: string | null;
}

/**
 * An emotion lane's curves: the personas' (each its colour and marker), the team's, and the evidence curve
 * beside them on the same scale. The curve being edited is in front; the others step back.
 */
export const EvidenceEmotionLane = memo(function EvidenceEmotionLane({ layout, lane, selectedStageId, draggingStageId }: EmotionLaneProps) {
  const personas = useMapStore((s) => s.personas);
  const editing = useEditedCurve();
  const set = layout.emotionCurves.get(lane.id);
  const { min, max } = layout.emotionScale;
  const team = set?.team ?? layout.curves.get(lane.id) ?? [];
  const evidenceY = new Map(set?.evidence.map((p) => [p.stageId, p.y]));
  const teamCurve = (
    <EmotionCurve
      lane={lane}
      points={team}
      min={min}
      max={max}
      selectedStageId={editing === null ? selectedStageId : null}
      draggingStageId={editing === null ? draggingStageId : null}
      faded={editing !== null}
      evidenceY={evidenceY}
    />
  );
  if (!set) return teamCurve;
  const personaCurves = <PersonaCurves curves={set.personas} personas={personas} editing={editing} selectedStageId={selectedStageId} draggingStageId={draggingStageId} />;
  // The edited curve is drawn over the others. The evidence's line goes under the team's curve (its dashes would
  // cross the team's marker and score where the two agree), its marks over it (the ring shows agreement).
  return editing === null ? (
    <Group>
      {personaCurves}
      <EvidenceLines curves={set} />
      {teamCurve}
      <EvidenceMarks curves={set} />
    </Group>
  ) : (
    <Group>
      <EvidenceLines curves={set} />
      {teamCurve}
      <EvidenceMarks curves={set} />
      {personaCurves}
    </Group>
  );
});

/** An evidence lane's visible cells: each stage's quotes. */
export function EvidenceLaneCells({ layout, lane, stages }: { layout: MapLayout; lane: LaneBox; stages: readonly StageBox[] }) {
  return (
    <Group>
      {stages.map((s) => {
        const cell = layout.evidenceCells.get(`${lane.id}|${s.id}`);
        return cell ? <EvidenceCellView key={s.id} cell={cell} /> : null;
      })}
    </Group>
  );
}
