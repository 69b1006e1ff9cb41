import { memo } from 'react';
import { Group, Line, Text } from 'react-konva';
import { useEditedCurve } from '../store/curveChoice.ts';
import { useMapStore } from '../store/MapStoreContext.tsx';
import { EVIDENCE_STYLE as S, personaColor, personaShape, type MarkerShape } from './evidenceStyle.ts';
import { PALETTE } from './palette.ts';
import { CurveMarker } from './PersonaCurves.tsx';
import { WarnBadge } from './EvidenceCurve.tsx';

const ROW = 17;

function Entry({ y, shape, color, dash, label, edited, hollow = false }: { y: number; shape: MarkerShape; color: string; dash?: number[]; label: string; edited: boolean; hollow?: boolean }) {
  return (
    <Group y={y}>
      <Line points={[0, 6, 26, 6]} stroke={color} strokeWidth={2} dash={dash} perfectDrawEnabled={false} />
      <CurveMarker shape={shape} x={13} y={6} size={4.5} fill={hollow ? 'white' : color} stroke={hollow ? color : 'white'} strokeWidth={hollow ? 1.8 : 1} />
      <Text text={edited ? `${label}  ✎` : label} x={33} y={0} width={118} fontSize={11} fontStyle={edited ? 'bold' : 'normal'} fill={edited ? PALETTE.ink : PALETTE.muted} wrap="none" ellipsis perfectDrawEnabled={false} />
    </Group>
  );
}

/**
 * An emotion lane's key, under its title: the team's curve, the evidence curve, each persona's (colour and
 * marker shape), and the warning badge; ✎ marks the curve being edited. Rows that do not fit are counted.
 */
export const CurveLegend = memo(function CurveLegend({ height }: { height: number }) {
  const personas = useMapStore((s) => s.personas);
  const editing = useEditedCurve();
  const rows = Math.max(0, Math.floor((height - 8) / ROW));
  const entries = [
    <Entry key="team" y={0} shape="circle" color={S.team} label="Team (workshop)" edited={editing === null} />,
    <Entry key="evidence" y={0} shape="diamond" color={S.ink} dash={[5, 3]} label="Evidence (quotes)" edited={false} hollow />,
    ...personas.map((p, i) => <Entry key={p.id} y={0} shape={personaShape(i)} color={personaColor(p, i)} label={p.name} edited={editing === p.id} />),
  ];
  const flagRow = (
    <Group key="flag">
      <WarnBadge x={13} y={6} r={6} />
      <Text text="differs by ≥ 1" x={33} y={0} fontSize={11} fill={PALETTE.muted} perfectDrawEnabled={false} />
    </Group>
  );
  const all = [...entries, flagRow];
  const shown = all.length <= rows ? all : all.slice(0, Math.max(0, rows - 1));
  return (
    <Group>
      {shown.map((entry, i) => (
        <Group key={entry.key ?? i} y={i * ROW}>
          {entry}
        </Group>
      ))}
      {shown.length < all.length && rows > 0 && <Text text={`+${all.length - shown.length} more (see the curve picker)`} y={shown.length * ROW} fontSize={10} fill={PALETTE.muted} perfectDrawEnabled={false} />}
    </Group>
  );
});
