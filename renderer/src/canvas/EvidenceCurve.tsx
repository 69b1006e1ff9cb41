import { memo } from 'react';
import { Circle, Group, Line, Rect, Text } from 'react-konva';
import type { EmotionCurves } from './evidenceLayout.ts';
import { EVIDENCE_STYLE as S } from './evidenceStyle.ts';
import { CurveMarker } from './PersonaCurves.tsx';
import { monotoneCurve } from './curvePath.ts';

interface EvidenceCurveProps {
  curves: EmotionCurves;
}

/** A warning badge: an amber disc with "!" (the legend says what it means). */
export function WarnBadge({ x, y, r = 7 }: { x: number; y: number; r?: number }) {
  return (
    <Group x={x} y={y}>
      <Circle radius={r} fill={S.warn} stroke="white" strokeWidth={1.5} perfectDrawEnabled={false} />
      <Text text="!" x={-r} y={-r * 0.78} width={2 * r} align="center" fontSize={r * 1.6} fontStyle="bold" fill="white" perfectDrawEnabled={false} />
    </Group>
  );
}

/**
 * What the quotes say, beside what the workshop said, in two layers drawn apart: the lines (EvidenceLines, under
 * the team's curve: where the two agree its dashes would cross the team's marker and its score) and the marks
 * (EvidenceMarks, over it).
 * - lines: a dashed line through each stage's mean sentiment (on the map's scale), and the gap to the team's point
 *   where the two differ by a point or more;
 * - marks: hollow diamonds with "n=…" (a wider ring round the team's point where they agree), the warning badge
 *   where they differ, and a marker at the foot of each stage that has no evidence yet.
 */
export const EvidenceLines = memo(function EvidenceLines({ curves }: EvidenceCurveProps) {
  const points = curves.evidence;
  return (
    <Group>
      {points.map((p) =>
        p.flag === 'differs' && p.teamY !== null ? (
          <Line key={`gap-${p.stageId}`} points={[p.x, p.teamY, p.x, p.y]} stroke={S.warn} strokeWidth={2} dash={[3, 3]} opacity={0.85} perfectDrawEnabled={false} />
        ) : null,
      )}
      {points.length > 1 && (
        <Line points={monotoneCurve(points)} bezier stroke={S.ink} strokeWidth={2.5} dash={[8, 6]} lineCap="round" lineJoin="round" opacity={0.9} perfectDrawEnabled={false} />
      )}
    </Group>
  );
});

/** The evidence curve's marks (see EvidenceLines). */
export const EvidenceMarks = memo(function EvidenceMarks({ curves }: EvidenceCurveProps) {
  return (
    <Group>
      {curves.evidence.map((p) => {
        // Where the evidence agrees with the workshop, its diamond rings the team's point.
        const agrees = p.teamY !== null && Math.abs(p.teamY - p.y) < 4;
        const label = `n=${p.n}`;
        const lx = p.x + (agrees ? 20 : 13);
        return (
          <Group key={p.stageId}>
            <CurveMarker shape="diamond" x={p.x} y={p.y} size={agrees ? 14 : 8.5} fill={agrees ? 'rgba(255,255,255,0)' : 'white'} stroke={S.ink} strokeWidth={2.5} />
            <Rect x={lx} y={p.y - 8} width={label.length * 6.4 + 8} height={16} cornerRadius={8} fill="white" opacity={0.85} perfectDrawEnabled={false} />
            <Text text={label} x={lx + 4} y={p.y - 5} fontSize={11} fontStyle="bold" fill={S.ink} perfectDrawEnabled={false} />
            {p.flag === 'differs' && <WarnBadge x={p.x - 19} y={p.y} />}
          </Group>
        );
      })}
      {curves.flags
        .filter((f) => f.flag === 'no-evidence')
        .map((f) => (
          <Group key={`none-${f.stageId}`} x={f.x} y={f.y}>
            <Rect width={100} height={16} cornerRadius={8} fill={S.noneTint} stroke={S.none} strokeWidth={1} dash={[3, 2]} perfectDrawEnabled={false} />
            <Text text="? No evidence yet" x={0} y={3} width={100} align="center" fontSize={10} fill={S.none} perfectDrawEnabled={false} />
          </Group>
        ))}
    </Group>
  );
});
