import { useCurveChoice, useEditedCurve } from '../store/curveChoice.ts';
import { useMapStore } from '../store/MapStoreContext.tsx';
import { EVIDENCE_STYLE, SHAPE_NAMES, personaColor, personaShape } from './evidenceStyle.ts';

const TEAM = '';

/**
 * Which emotion curve a click, a drag, ↑/↓ or the inspector sets: the team's, or one of the map's personas'.
 * Shown when the map has personas and an emotion lane. Each option names the curve's marker, because the
 * canvas is not read by screen readers.
 */
export function PersonaCurvesPicker({ label = 'Editing curve', name = 'Emotion curve to edit' }: { label?: string; name?: string }) {
  const map = useMapStore((s) => s.map);
  const personas = useMapStore((s) => s.personas);
  const hasEmotionLane = useMapStore((s) => Object.values(s.lanes).some((l) => l.kind === 'emotion'));
  const editing = useEditedCurve();
  const choose = useCurveChoice((c) => c.choose);
  if (personas.length === 0 || !hasEmotionLane) return null;
  const index = personas.findIndex((p) => p.id === editing);
  const current = personas[index];
  const color = current ? personaColor(current, index) : EVIDENCE_STYLE.team;
  return (
    <label className="curve-picker" title="The emotion curve that clicks, drags, ↑/↓ and the inspector change">
      <span className="curve-swatch" style={{ background: color }} aria-hidden="true" />
      <span>{label}</span>
      <select aria-label={name} value={editing ?? TEAM} onChange={(e) => choose(map.id, e.target.value === TEAM ? null : e.target.value)}>
        <option value={TEAM}>Team (workshop) · {SHAPE_NAMES.circle}</option>
        {personas.map((p, i) => (
          <option key={p.id} value={p.id}>
            {p.name} · {SHAPE_NAMES[personaShape(i)]}
          </option>
        ))}
      </select>
    </label>
  );
}
