/**
 * An emotion lane's curve in the overview (zoomed out below DETAIL_MIN_SCALE): the curve being edited, through
 * the same points the layout gave it, with a line and markers of a fixed screen size so that it stays in sight
 * however small the lane is drawn. No scores or labels: they could not be read.
 */
import { memo } from 'react';
import { Circle, Group, Line } from 'react-konva';
import { monotoneCurve } from './curvePath.ts';
import type { CurvePoint } from './layout.ts';
import { emotionColor } from './palette.ts';

interface OverviewCurveProps {
  points: readonly CurvePoint[];
  min: number;
  max: number;
  /** The body's zoom: markers are 3.5 px on screen. */
  scale: number;
}

export const OverviewCurve = memo(function OverviewCurve({ points, min, max, scale }: OverviewCurveProps) {
  return (
    <Group>
      {points.length > 1 && <Line points={monotoneCurve(points)} bezier stroke="#5f6f8a" strokeWidth={2} strokeScaleEnabled={false} lineCap="round" lineJoin="round" perfectDrawEnabled={false} />}
      {points.map((p) => (
        <Circle key={p.stageId} x={p.x} y={p.y} radius={3.5 / scale} fill={emotionColor(p.score, min, max)} perfectDrawEnabled={false} />
      ))}
    </Group>
  );
});
