/**
 * The interview's own fields, edited in place: each is saved when it is changed (text fields when they are
 * left or Enter is pressed); a blank title is refused in words and the old one comes back. Delete asks first,
 * saying how many quotes go with it.
 */
import { useState } from 'react';
import { INTERVIEW_METHODS, type Interview, type InterviewMethod, type Persona } from '../../../../electron/api/types.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { useRun } from '../common/useRun.ts';
import { count, FORMAT_NAMES, METHOD_NAMES } from './words.ts';
import { Field } from '../common/Field.tsx';

type Patch = { title?: string; participant?: string; personaId?: string | null; heldOn?: string | null; method?: InterviewMethod };

interface Props {
  interview: Interview;
  quoteCount: number;
  /** Whether it has notes or a transcript yet. */
  hasBody: boolean;
  personas: readonly Persona[];
  onChanged: () => void;
  onDelete: () => void;
}

/** A text field that saves when left or on Enter, and goes back to the saved value on Escape. */
function SavedText({ label, value, required, type = 'text', onSave }: { label: string; value: string; required?: boolean; type?: 'text' | 'date'; onSave: (v: string) => Promise<boolean> }) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  if (shown !== value) {
    // Saved elsewhere (another window): take the new value.
    setShown(value);
    setDraft(value);
  }
  const commit = async () => {
    const next = draft.trim();
    if (next === value) return setDraft(value);
    if (required && next === '') {
      setProblem(`The ${label.toLowerCase()} cannot be empty; it is back to “${value}”.`);
      return setDraft(value);
    }
    setProblem(null);
    if (!(await onSave(next))) setDraft(value);
  };
  return (
    <label className="field">
      {label}
      <input
        type={type}
        value={draft}
        aria-invalid={problem !== null}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit();
          if (e.key === 'Escape') setDraft(value);
        }}
      />
      {problem && (
        <span className="field-problem" role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}

export function InterviewHeader({ interview: i, quoteCount, hasBody, personas, onChanged, onDelete }: Props) {
  const call = useAppStore((s) => s.call);
  const run = useRun();
  const [confirming, setConfirming] = useState(false);
  const save = async (patch: Patch): Promise<boolean> => {
    const done = await run(() => call('interviews.update', { id: i.id, ...patch }));
    onChanged();
    return done !== undefined;
  };

  return (
    <header className="interview-head">
      <div className="interview-head-title">
        <h2>{i.title}</h2>
        <span className="muted">{!hasBody ? 'No notes or transcript yet' : i.format === 'notes' ? 'Notes' : `Transcript (${FORMAT_NAMES[i.format]})`}</span>
        <button type="button" className="danger-quiet" onClick={() => setConfirming(true)}>
          Delete interview
        </button>
      </div>
      <div className="interview-fields">
        <SavedText label="Title" value={i.title} required onSave={(title) => save({ title })} />
        <SavedText label="Participant" value={i.participant} onSave={(participant) => save({ participant })} />
        <Field label="Persona">
          {(id) => (
            <select id={id} value={i.personaId ?? ''} onChange={(e) => void save({ personaId: e.target.value || null })}>
              <option value="">No persona</option>
              {personas.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <SavedText label="Date" type="date" value={i.heldOn ?? ''} onSave={(day) => save({ heldOn: day || null })} />
        <Field label="Method">
          {(id) => (
            <select id={id} value={i.method} onChange={(e) => void save({ method: e.target.value as InterviewMethod })}>
              {INTERVIEW_METHODS.map((m) => (
                <option key={m} value={m}>
                  {METHOD_NAMES[m]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Delete this interview?"
          message={`“${i.title}” will be deleted with its notes or transcript and ${count(quoteCount, 'quote')}${quoteCount > 0 ? ' (and their links to maps)' : ''}. You can undo this right after.`}
          confirmLabel="Delete interview"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onDelete();
          }}
        />
      )}
    </header>
  );
}
