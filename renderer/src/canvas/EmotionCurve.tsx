import { memo } from 'react';
import { Circle, Group, Line, Text } from 'react-konva';
import { METRICS, type CurvePoint, type LaneBox } from './layout.ts';
import { PALETTE, emotionColor } from './palette.ts';
import { monotoneCurve } from './curvePath.ts';

interface EmotionCurveProps {
  lane: LaneBox;
  points: readonly CurvePoint[];
  min: number;
  max: number;
  /** Stage id of the selected point, if any. */
  selectedStageId: string | null;
  /** Stage id of a point being dragged (drawn by the interaction layer instead). */
  draggingStageId: string | null;
  /** Another curve is being edited: this one steps back. */
  faded?: boolean;
  /** Where the evidence curve's point is, per stage: a label goes above its point when that one sits just below. */
  evidenceY?: ReadonlyMap<string, number>;
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** A smooth line through one point per stage, each a marker coloured from negative to positive. */
export const EmotionCurve = memo(function EmotionCurve({ lane, points, min, max, selectedStageId, draggingStageId, faded = false, evidenceY }: EmotionCurveProps) {
  const shown = points.filter((p) => p.stageId !== draggingStageId);
  const labelAbove = (p: CurvePoint): boolean => {
    if (p.y + 16 > lane.y + lane.height - 4) return true;
    const ey = evidenceY?.get(p.stageId);
    return ey !== undefined && ey - p.y > 4 && ey - p.y < 48 && p.y - 30 > lane.y;
  };
  return (
    <Group opacity={faded ? 0.5 : 1}>
      {shown.length > 1 && (
        <Line points={monotoneCurve(shown)} bezier stroke="#7b8aa3" strokeWidth={2.5} lineCap="round" lineJoin="round" perfectDrawEnabled={false} />
      )}
      {shown.map((p) => (
        <Group key={p.stageId} x={p.x} y={p.y}>
          <Circle radius={11} fill={emotionColor(p.score, min, max)} stroke={p.stageId === selectedStageId ? PALETTE.accent : 'white'} strokeWidth={p.stageId === selectedStageId ? 3 : 2} perfectDrawEnabled={false} />
          <Text text={signed(p.score)} x={-11} y={-6} width={22} align="center" fontSize={11} fontStyle="bold" fill="white" perfectDrawEnabled={false} />
          {p.label && (
            <Text
              text={p.label}
              x={-90}
              y={labelAbove(p) ? -30 : 15}
              width={180}
              align="center"
              fontSize={12}
              fill={PALETTE.muted}
              wrap="none"
              ellipsis
              perfectDrawEnabled={false}
            />
          )}
        </Group>
      ))}
      {shown.length === 0 && (
        <Text
          text="Click a stage here to set how the customer feels"
          x={12}
          y={lane.y + lane.height / 2 - METRICS.fontSize / 2}
          fontSize={12}
          fill={PALETTE.muted}
          opacity={0.7}
          perfectDrawEnabled={false}
        />
      )}
    </Group>
  );
});
