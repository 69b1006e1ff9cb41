import { memo } from 'react';
import { Circle, Group, Line, Rect, RegularPolygon, Star, Text } from 'react-konva';
import type { Persona } from '../../../electron/api/types.ts';
import type { PersonaCurve } from './evidenceLayout.ts';
import { personaColor, personaShape, type MarkerShape } from './evidenceStyle.ts';
import { PALETTE } from './palette.ts';
import { monotoneCurve } from './curvePath.ts';

interface MarkerProps {
  shape: MarkerShape;
  x: number;
  y: number;
  /** About the radius, in map units. */
  size: number;
  fill: string;
  stroke: string;
  strokeWidth: number;
}

/** One curve's marker: the shape tells the curves apart where colours cannot (print, colour blindness). */
export function CurveMarker({ shape, x, y, size, fill, stroke, strokeWidth }: MarkerProps) {
  const common = { x, y, fill, stroke, strokeWidth, perfectDrawEnabled: false } as const;
  switch (shape) {
    case 'circle':
      return <Circle {...common} radius={size} />;
    case 'square':
      return <Rect {...common} x={x - size * 0.85} y={y - size * 0.85} width={size * 1.7} height={size * 1.7} cornerRadius={1.5} />;
    case 'diamond':
      return <RegularPolygon {...common} sides={4} radius={size * 1.15} />;
    case 'triangle':
      return <RegularPolygon {...common} y={y + size * 0.2} sides={3} radius={size * 1.2} />;
    case 'pentagon':
      return <RegularPolygon {...common} sides={5} radius={size * 1.05} />;
    case 'hexagon':
      return <RegularPolygon {...common} sides={6} radius={size} />;
    case 'star':
      return <Star {...common} numPoints={5} innerRadius={size * 0.55} outerRadius={size * 1.25} />;
  }
}

interface PersonaCurvesProps {
  curves: readonly PersonaCurve[];
  personas: readonly Pick<Persona, 'id' | 'name' | 'color'>[];
  /** The persona whose curve is edited (drawn in front, its selected point ringed); null: the team's. */
  editing: string | null;
  selectedStageId: string | null;
  draggingStageId: string | null;
}

/** One line per persona, in its colour, with its own marker shape; the edited one stands out. */
export const PersonaCurves = memo(function PersonaCurves({ curves, personas, editing, selectedStageId, draggingStageId }: PersonaCurvesProps) {
  // The edited curve is drawn last, in front of the others.
  const order = [...curves].sort((a, b) => Number(a.personaId === editing) - Number(b.personaId === editing));
  return (
    <Group>
      {order.map((curve) => {
        const persona = personas[curve.index];
        if (!persona) return null;
        const color = personaColor(persona, curve.index);
        const edited = curve.personaId === editing;
        const shown = edited ? curve.points.filter((p) => p.stageId !== draggingStageId) : curve.points;
        return (
          <Group key={curve.personaId} opacity={editing === null || edited ? 1 : 0.45}>
            {shown.length > 1 && (
              <Line points={monotoneCurve(shown)} bezier stroke={color} strokeWidth={edited ? 2.5 : 2} lineCap="round" lineJoin="round" perfectDrawEnabled={false} />
            )}
            {shown.map((p) => {
              const selected = edited && p.stageId === selectedStageId;
              return (
                <Group key={p.stageId}>
                  <CurveMarker shape={personaShape(curve.index)} x={p.x} y={p.y} size={edited ? 7 : 6} fill={color} stroke={selected ? PALETTE.accent : 'white'} strokeWidth={selected ? 3 : 1.5} />
                  {edited && (
                    <Text text={p.score > 0 ? `+${p.score}` : p.score < 0 ? `−${-p.score}` : '0'} x={p.x + 9} y={p.y - 5} fontSize={10} fontStyle="bold" fill={color} perfectDrawEnabled={false} />
                  )}
                </Group>
              );
            })}
          </Group>
        );
      })}
    </Group>
  );
});
