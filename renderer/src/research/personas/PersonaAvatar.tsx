import type { Persona } from '../../../../electron/api/types.ts';
import { usePersonaPicture } from './personaImages.ts';
import { initialsOf, inkOn, NO_COLOUR } from './personaLook.ts';

/** A persona's picture, or its initials on its colour; decorative (the name is always written beside it). */
export function PersonaAvatar({ persona, size }: { persona: Pick<Persona, 'id' | 'name' | 'color'>; size: number }) {
  const picture = usePersonaPicture(persona.id);
  const colour = persona.color ?? NO_COLOUR;
  const style = { width: size, height: size, fontSize: Math.round(size * 0.4), borderColor: colour };
  if (picture) return <img className="persona-avatar" src={picture} alt="" aria-hidden="true" style={style} draggable={false} />;
  return (
    <span className="persona-avatar persona-initials" aria-hidden="true" style={{ ...style, background: colour, color: inkOn(colour) }}>
      {initialsOf(persona.name)}
    </span>
  );
}
