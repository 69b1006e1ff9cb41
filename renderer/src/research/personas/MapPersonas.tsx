import type { Persona } from '../../../../electron/api/types.ts';
import { useMapStore, usePerform } from '../../store/MapStoreContext.tsx';
import { linkPersona, movePersona, unlinkPersona } from '../../store/personaCommands.ts';
import { useUiStore } from '../../store/uiStore.ts';
import { PersonaAvatar } from './PersonaAvatar.tsx';
import { usePersonaList } from './usePersonaList.ts';

/** What "Add persona" offers besides the personas: making a new one on the Personas screen. */
const NEW_PERSONA = ':new';

/** The map's personas as its header shows them, in the map's order (records from the workspace's list, else the map's). */
export function chipsOf(personaIds: readonly string[], all: readonly Persona[], onMap: readonly Persona[]): Persona[] {
  const byId = new Map<string, Persona>();
  for (const p of onMap) byId.set(p.id, p);
  for (const p of all) byId.set(p.id, p);
  return personaIds.map((id) => byId.get(id)).filter((p): p is Persona => p !== undefined);
}

function PersonaChip({ persona, index, count }: { persona: Persona; index: number; count: number }) {
  const perform = usePerform();
  const show = useUiStore((s) => s.show);
  const about = [persona.role, persona.quote && `“${persona.quote}”`].filter(Boolean).join('\n');
  return (
    <li className="persona persona-chip" style={{ borderColor: persona.color ?? undefined }}>
      <PersonaAvatar persona={persona} size={24} />
      <button type="button" className="persona-chip-name" title={about || undefined} aria-label={`${persona.name}: open on the Personas screen`} onClick={() => show('personas', { persona: { id: persona.id } })}>
        {persona.name}
      </button>
      <span className="persona-chip-actions">
        <button type="button" className="icon-button" aria-label={`Move ${persona.name} left`} title="Move left" disabled={index === 0} onClick={() => void perform((m) => movePersona(m, persona.id, -1, persona.name))}>
          ‹
        </button>
        <button type="button" className="icon-button" aria-label={`Move ${persona.name} right`} title="Move right" disabled={index === count - 1} onClick={() => void perform((m) => movePersona(m, persona.id, 1, persona.name))}>
          ›
        </button>
        <button type="button" className="icon-button" aria-label={`Remove ${persona.name} from this map`} title="Remove from this map" onClick={() => void perform((m) => unlinkPersona(m, persona.id, persona.name))}>
          ×
        </button>
      </span>
    </li>
  );
}

/** The personas of the open map: chips with picture and name, added, removed and reordered through the map's history. */
export function MapPersonas() {
  const personaIds = useMapStore((s) => s.map.personaIds);
  const onMap = useMapStore((s) => s.personas);
  const perform = usePerform();
  const show = useUiStore((s) => s.show);
  const { personas: all } = usePersonaList();
  const chips = chipsOf(personaIds, all, onMap);
  const offered = all.filter((p) => !personaIds.includes(p.id));

  return (
    <div className="map-personas">
      {chips.length > 0 && (
        <ul className="personas" aria-label="Personas">
          {chips.map((p, i) => (
            <PersonaChip key={p.id} persona={p} index={i} count={chips.length} />
          ))}
        </ul>
      )}
      <select
        className="add-persona"
        aria-label="Add persona"
        title="Add a persona to this map"
        value=""
        onChange={(e) => {
          const id = e.target.value;
          if (id === NEW_PERSONA) show('personas');
          else {
            const persona = all.find((p) => p.id === id);
            if (persona) void perform((m) => linkPersona(m, persona.id, persona.name));
          }
        }}
      >
        <option value="" disabled hidden>
          + Persona
        </option>
        {offered.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.role ? ` · ${p.role}` : ''}
          </option>
        ))}
        <option value={NEW_PERSONA}>New persona…</option>
      </select>
    </div>
  );
}
