import { useState } from 'react';
import { LIMITS } from '../../../../electron/api/contract.ts';
import type { ChangeSet, Persona } from '../../../../electron/api/types.ts';
import { messageOf } from '../../api/errors.ts';
import { TextField } from '../../inspector/fields.tsx';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { useUiStore } from '../../store/uiStore.ts';
import { PersonaColour } from './PersonaColour.tsx';
import { PersonaPicture } from './PersonaPicture.tsx';
import { usePersonaUsage } from './usePersonaUsage.ts';

type TextKey = 'name' | 'role' | 'quote' | 'goals' | 'needs' | 'frustrations';

const FIELDS: readonly { key: TextKey; label: string; max: number; multiline?: boolean }[] = [
  { key: 'name', label: 'Name', max: LIMITS.name },
  { key: 'role', label: 'Role', max: LIMITS.name },
  { key: 'quote', label: 'Quote', max: LIMITS.shortText, multiline: true },
  { key: 'goals', label: 'Goals', max: LIMITS.description, multiline: true },
  { key: 'needs', label: 'Needs', max: LIMITS.description, multiline: true },
  { key: 'frustrations', label: 'Frustrations', max: LIMITS.description, multiline: true },
];

/** Where the persona is used: its maps (open one) and its interviews (open one). */
function PersonaUsageList({ id }: { id: string }) {
  const usage = usePersonaUsage(id);
  const openMap = useAppStore((s) => s.openMap);
  const show = useUiStore((s) => s.show);
  if (!usage) return null;
  return (
    <section className="persona-usage" aria-label="Where this persona is used">
      <h3>Maps</h3>
      {usage.maps.length === 0 ? (
        <p className="muted">Not on any map yet. Add it from a map’s header.</p>
      ) : (
        <ul>
          {usage.maps.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  openMap(m.id);
                  show('map');
                }}
              >
                {m.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>Interviews</h3>
      {usage.interviews.length === 0 ? (
        <p className="muted">No interview names this persona.</p>
      ) : (
        <ul>
          {usage.interviews.map((i) => (
            <li key={i.id}>
              <button type="button" className="link-button" onClick={() => show('interviews', { interview: { id: i.id } })}>
                {i.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Every field of one persona; each saves when it loses focus or on Enter, like every edit in Waymark. */
export function PersonaEditor({ persona, onChanged, onDelete }: { persona: Persona; onChanged: (changes: ChangeSet) => void; onDelete: () => void }) {
  const call = useAppStore((s) => s.call);
  const report = useAppStore((s) => s.report);
  // Remounts the fields after a refused edit, so they show what is stored again.
  const [resets, setResets] = useState(0);

  const save = async (patch: Partial<Record<TextKey, string>> | { color: string | null }) => {
    try {
      onChanged(await call('personas.update', { id: persona.id, ...patch }));
    } catch (error) {
      report(messageOf(error));
      setResets((n) => n + 1);
    }
  };

  const saveText = (key: TextKey, value: string) => {
    if (key === 'name' && value.trim() === '') {
      report('A persona needs a name; the name it had is kept.');
      setResets((n) => n + 1);
      return;
    }
    void save({ [key]: value });
  };

  return (
    <article className="persona-editor" aria-labelledby="persona-editor-title">
      <header className="persona-editor-header">
        <h2 id="persona-editor-title">{persona.name}</h2>
        <button type="button" className="danger-outline" onClick={onDelete}>
          Delete persona…
        </button>
      </header>
      <div className="persona-editor-body">
        <div className="persona-fields" key={resets}>
          {FIELDS.map((f) => (
            <TextField key={f.key} label={f.label} value={persona[f.key]} maxLength={f.max} multiline={f.multiline} onCommit={(v) => saveText(f.key, v)} />
          ))}
        </div>
        <div className="persona-side">
          <PersonaPicture persona={persona} onChanged={onChanged} />
          <PersonaColour value={persona.color} onChange={(color) => void save({ color })} />
          <PersonaUsageList id={persona.id} />
        </div>
      </div>
    </article>
  );
}
