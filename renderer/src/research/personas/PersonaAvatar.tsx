import type { Persona } from '../../../../electron/api/types.ts';
import { usePersonaPicture } from './personaImages.ts';
import { initialsOf, inkOn, NO_COLOUR } from './personaLook.ts';

/**
 * A persona's picture, or its initials on its colour. Decorative, like a picture: the name is always written
 * beside it, so the initials are drawn as an image (SVG), not read as text.
 */
export function PersonaAvatar({ persona, size }: { persona: Pick<Persona, 'id' | 'name' | 'color'>; size: number }) {
  const picture = usePersonaPicture(persona.id);
  const colour = persona.color ?? NO_COLOUR;
  if (picture) return <img className="persona-avatar" src={picture} alt="" aria-hidden="true" style={{ width: size, height: size, borderColor: colour }} draggable={false} />;
  return (
    <svg className="persona-avatar persona-initials" viewBox="0 0 100 100" aria-hidden="true" focusable="false" style={{ width: size, height: size }}>
      <circle cx="50" cy="50" r="50" fill={colour} />
      <text x="50" y="50" dy="0.35em" textAnchor="middle" fontSize="40" fontWeight="700" fill={inkOn(colour)}>
        {initialsOf(persona.name)}
      </text>
    </svg>
  );
}
