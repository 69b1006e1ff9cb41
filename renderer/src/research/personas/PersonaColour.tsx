import { useEffect, useRef } from 'react';
import { NO_COLOUR, PERSONA_SWATCHES } from './personaLook.ts';

/**
 * A persona's colour: a swatch, or any colour from the colour input (saved when the picker closes, not on
 * every step of a drag through it).
 */
export function PersonaColour({ value, onChange }: { value: string | null; onChange: (colour: string | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const commit = () => latest.current(el.value.toLowerCase());
    el.addEventListener('change', commit);
    return () => el.removeEventListener('change', commit);
  }, []);
  useEffect(() => {
    // The colour changed underneath (a swatch, another window): the input shows it.
    if (input.current) input.current.value = value ?? NO_COLOUR;
  }, [value]);
  const custom = value !== null && !PERSONA_SWATCHES.some((s) => s.value === value);
  return (
    <fieldset className="field swatches persona-colour">
      <legend>Colour</legend>
      {PERSONA_SWATCHES.map((s) => (
        <button
          key={s.name}
          type="button"
          className={s.value === null ? 'swatch swatch-none' : 'swatch'}
          aria-label={`Colour: ${s.name}`}
          aria-pressed={value === s.value}
          title={s.name}
          style={{ background: s.value ?? NO_COLOUR }}
          onClick={() => onChange(s.value)}
        />
      ))}
      <label className={custom ? 'persona-colour-any custom' : 'persona-colour-any'} title="Any colour">
        <span className="visually-hidden">Any colour</span>
        {/* Uncontrolled: React's onChange fires on every step of a drag; the native change when the picker closes. */}
        <input ref={input} type="color" defaultValue={value ?? NO_COLOUR} />
      </label>
    </fieldset>
  );
}
