import { memo } from 'react';
import { Circle, Group, Rect, Text } from 'react-konva';
import { stageEvidence, stageFlags } from '../store/evidence.ts';
import { useMapStore } from '../store/MapStoreContext.tsx';
import { EVIDENCE_STYLE as S } from './evidenceStyle.ts';
import { WarnBadge } from './EvidenceCurve.tsx';
import { PALETTE } from './palette.ts';

/** How wide the badges at the right of a stage header are, so the name stops before them. */
export const STAGE_BADGE_ROOM = 62;

/**
 * The top right of a stage header: how many quotes back the stage ("❝ 3"), amber with "!" where they disagree
 * with the workshop's score, grey and dashed where there are none.
 */
export const StageEvidenceBadge = memo(function StageEvidenceBadge({ stageId, width }: { stageId: string; width: number }) {
  const count = useMapStore((s) => stageEvidence(s).get(stageId)?.quoteCount ?? 0);
  const flag = useMapStore((s) => stageFlags(s).get(stageId)?.flag ?? null);
  const text = `❝ ${count}`;
  const w = 14 + text.length * 7;
  const none = flag === 'no-evidence';
  const differs = flag === 'differs';
  return (
    <Group x={width - w - 10} y={11}>
      <Rect
        width={w}
        height={20}
        cornerRadius={10}
        fill={none ? S.noneTint : differs ? S.warnTint : S.tint}
        stroke={none ? S.none : differs ? S.warn : S.ink}
        strokeWidth={1}
        dash={none ? [3, 2] : undefined}
        perfectDrawEnabled={false}
      />
      <Text text={text} width={w} y={4} align="center" fontSize={12} fontStyle="bold" fill={none ? S.none : differs ? S.warn : S.ink} perfectDrawEnabled={false} />
      {differs && <WarnBadge x={-9} y={10} r={7} />}
    </Group>
  );
});

/** The corner's key to what a card's outline and dot say about its evidence. */
export function CardStatusLegend({ scale }: { scale: number }) {
  const y = 9;
  return (
    <Group x={10 * scale} y={y * scale} scaleX={scale} scaleY={scale}>
      <Text text="Cards:" y={0} fontSize={10} fill={PALETTE.muted} perfectDrawEnabled={false} />
      <Rect x={38} y={-1} width={16} height={11} cornerRadius={2} stroke="#8d97a8" strokeWidth={1} dash={[3, 2]} perfectDrawEnabled={false} />
      <Text text="assumed" x={57} y={0} fontSize={10} fill={PALETTE.muted} perfectDrawEnabled={false} />
      <Circle x={43} y={20} radius={3.5} fill={PALETTE.ink} perfectDrawEnabled={false} />
      <Text text="observed" x={50} y={15} fontSize={10} fill={PALETTE.muted} perfectDrawEnabled={false} />
      <Circle x={104} y={20} radius={3.5} stroke={PALETTE.ink} strokeWidth={1.2} perfectDrawEnabled={false} />
      <Text text="proposed" x={111} y={15} fontSize={10} fill={PALETTE.muted} perfectDrawEnabled={false} />
    </Group>
  );
}
