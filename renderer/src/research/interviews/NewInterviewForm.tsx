/** The form for a new interview: title (required), participant, persona, date and method. */
import { useState } from 'react';
import { newId } from '../../../../electron/api/ids.ts';
import { INTERVIEW_METHODS, type InterviewMethod, type Persona } from '../../../../electron/api/types.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { useRun } from '../common/useRun.ts';
import { METHOD_NAMES } from './words.ts';
import { Field } from '../common/Field.tsx';

interface Props {
  personas: readonly Persona[];
  onCreated: (id: string) => void;
  onCancel: () => void;
}

export function NewInterviewForm({ personas, onCreated, onCancel }: Props) {
  const call = useAppStore((s) => s.call);
  const run = useRun();
  const [title, setTitle] = useState('');
  const [participant, setParticipant] = useState('');
  const [personaId, setPersonaId] = useState('');
  const [heldOn, setHeldOn] = useState('');
  const [method, setMethod] = useState<InterviewMethod>('interview');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (e: React.SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (title.trim() === '') {
      setProblem('Give the interview a title.');
      return;
    }
    const id = newId();
    const done = await run(() =>
      call('interviews.create', { id, title: title.trim(), participant: participant.trim(), personaId: personaId || null, heldOn: heldOn || null, method }),
    );
    if (done) onCreated(id);
  };

  return (
    <form className="new-interview" aria-label="New interview" onSubmit={(e) => void submit(e)}>
      <label className="field">
        Title
        <input
          value={title}
          required
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'new-interview-problem' : undefined}
          autoFocus
          onChange={(e) => {
            setTitle(e.target.value);
            setProblem(null);
          }}
        />
      </label>
      {problem && (
        <p id="new-interview-problem" className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <label className="field">
        Participant
        <input value={participant} onChange={(e) => setParticipant(e.target.value)} />
      </label>
      <Field label="Persona">
        {(id) => (
          <select id={id} value={personaId} onChange={(e) => setPersonaId(e.target.value)}>
            <option value="">No persona</option>
            {personas.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field-row">
        <label className="field">
          Date
          <input type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
        </label>
        <Field label="Method">
          {(id) => (
            <select id={id} value={method} onChange={(e) => setMethod(e.target.value as InterviewMethod)}>
              {INTERVIEW_METHODS.map((m) => (
                <option key={m} value={m}>
                  {METHOD_NAMES[m]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary">
          Create interview
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
