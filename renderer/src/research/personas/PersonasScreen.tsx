import { useState } from 'react';
import { LIMITS } from '../../../../electron/api/contract.ts';
import { newId } from '../../../../electron/api/ids.ts';
import type { Persona } from '../../../../electron/api/types.ts';
import { messageOf } from '../../api/errors.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { useUiStore } from '../../store/uiStore.ts';
import { deleteQuestion } from './deleteWords.ts';
import { PersonaAvatar } from './PersonaAvatar.tsx';
import { PersonaEditor } from './PersonaEditor.tsx';
import { NO_COLOUR } from './personaLook.ts';
import { usePersonaList } from './usePersonaList.ts';

function NewPersona({ onCreate }: { onCreate: (name: string) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState('');
  return (
    <form
      className="new-persona"
      aria-label="New persona"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() === '') {
          setProblem('Give the new persona a name.');
          return;
        }
        setProblem('');
        void onCreate(name).then((ok) => ok && setName(''));
      }}
    >
      <label>
        <span>New persona’s name</span>
        <input type="text" value={name} maxLength={LIMITS.name} placeholder="e.g. Maya Okafor" onChange={(e) => setName(e.target.value)} aria-invalid={problem !== '' || undefined} />
      </label>
      <button type="submit" className="primary">
        Add persona
      </button>
      <p className="new-persona-problem" role="alert">
        {problem}
      </p>
    </form>
  );
}

function PersonaRow({ persona, selected, onSelect }: { persona: Persona; selected: boolean; onSelect: () => void }) {
  return (
    <li>
      <button type="button" className="persona-row" aria-current={selected ? 'true' : undefined} onClick={onSelect}>
        <PersonaAvatar persona={persona} size={40} />
        <span className="persona-row-text">
          <span className="persona-row-name">{persona.name}</span>
          {persona.role && <span className="persona-row-role">{persona.role}</span>}
        </span>
        <span className="persona-chip-colour" style={{ background: persona.color ?? NO_COLOUR }} aria-hidden="true" />
      </button>
    </li>
  );
}

type Asking = { persona: Persona; question: string } | null;
type Undo = { tombstone: string; persona: Persona } | null;

/** The workspace's personas: a list beside the editor of the one chosen; made, changed and deleted here. */
export function PersonasScreen() {
  const call = useAppStore((s) => s.call);
  const report = useAppStore((s) => s.report);
  const focus = useUiStore((s) => s.focus.persona?.id);
  const { personas, loaded, error, apply } = usePersonaList();
  const [chosen, setChosen] = useState<string | null>(focus ?? null);
  const [asking, setAsking] = useState<Asking>(null);
  const [undo, setUndo] = useState<Undo>(null);

  const [seenFocus, setSeenFocus] = useState(focus);
  if (focus !== seenFocus) {
    // Another screen asked for a persona (a chip on a map): open it.
    setSeenFocus(focus);
    if (focus) setChosen(focus);
  }

  const selected = personas.find((p) => p.id === chosen) ?? personas[0] ?? null;

  const create = async (name: string): Promise<boolean> => {
    try {
      const id = newId();
      apply(await call('personas.create', { id, name }));
      setChosen(id);
      return true;
    } catch (e) {
      report(messageOf(e));
      return false;
    }
  };

  const ask = async (persona: Persona) => {
    try {
      setAsking({ persona, question: deleteQuestion(await call('personas.usage', { id: persona.id })) });
    } catch (e) {
      report(messageOf(e));
    }
  };

  const remove = async (persona: Persona) => {
    setAsking(null);
    const tombstone = newId();
    try {
      apply(await call('personas.delete', { id: persona.id, tombstone }));
      setUndo({ tombstone, persona });
    } catch (e) {
      report(messageOf(e));
    }
  };

  const restore = async (u: NonNullable<Undo>) => {
    try {
      apply(await call('tombstones.restore', { id: u.tombstone }));
      setUndo(null);
      setChosen(u.persona.id);
    } catch (e) {
      report(messageOf(e));
    }
  };

  return (
    <section className="research-screen personas-screen" aria-labelledby="personas-title">
      <header className="personas-header">
        <h1 id="personas-title">Personas</h1>
        <p className="muted">The people your maps are told for. Put them on a map from its header.</p>
      </header>
      <div className="personas-layout">
        <div className="personas-column">
          <NewPersona onCreate={create} />
          {error && <p className="load-error" role="alert">{error}</p>}
          {loaded && personas.length === 0 && !error && <p className="empty">No personas yet. A name is enough to start; add the rest as the research comes in.</p>}
          <ul className="persona-list" aria-label="All personas">
            {personas.map((p) => (
              <PersonaRow key={p.id} persona={p} selected={p.id === selected?.id} onSelect={() => setChosen(p.id)} />
            ))}
          </ul>
        </div>
        {selected ? <PersonaEditor key={selected.id} persona={selected} onChanged={apply} onDelete={() => void ask(selected)} /> : <div className="persona-editor-empty" />}
      </div>
      <div className="persona-undo" role="status">
        {undo && (
          <>
            <span>Deleted “{undo.persona.name}”.</span>
            <button type="button" onClick={() => void restore(undo)}>
              Undo
            </button>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setUndo(null)}>
              ×
            </button>
          </>
        )}
      </div>
      {asking && (
        <ConfirmDialog
          title={`Delete the persona “${asking.persona.name}”?`}
          message={asking.question}
          confirmLabel="Delete persona"
          onConfirm={() => void remove(asking.persona)}
          onCancel={() => setAsking(null)}
        />
      )}
    </section>
  );
}
