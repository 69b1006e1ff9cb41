/** The list of interviews (newest first): search with highlighted snippets, filters, and the new-interview form. */
import { useState } from 'react';
import { INTERVIEW_METHODS, type InterviewMethod, type InterviewSummary, type Persona } from '../../../../electron/api/types.ts';
import { Snippet } from '../common/Snippet.tsx';
import { NewInterviewForm } from './NewInterviewForm.tsx';
import { count, dayText, METHOD_NAMES } from './words.ts';

export interface InterviewFilters {
  query: string;
  personaId: string;
  method: InterviewMethod | '';
  from: string;
  to: string;
}

export const NO_FILTERS: InterviewFilters = { query: '', personaId: '', method: '', from: '', to: '' };

interface Props {
  filters: InterviewFilters;
  onFilters: (filters: InterviewFilters) => void;
  list: InterviewSummary[] | undefined;
  error: string | null;
  personas: readonly Persona[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function InterviewList({ filters, onFilters, list, error, personas, selectedId, onSelect }: Props) {
  const [creating, setCreating] = useState(false);
  const personaName = new Map(personas.map((p) => [p.id, p.name]));
  const set = (patch: Partial<InterviewFilters>) => onFilters({ ...filters, ...patch });
  const filtered = filters.personaId !== '' || filters.method !== '' || filters.from !== '' || filters.to !== '';
  const datesBackwards = filters.from !== '' && filters.to !== '' && filters.from > filters.to;

  return (
    <aside className="interview-list-pane" aria-labelledby="interviews-title">
      <div className="pane-head">
        <h1 id="interviews-title">Interviews</h1>
        <button type="button" className="primary" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>
          New interview
        </button>
      </div>
      {creating && (
        <NewInterviewForm
          personas={personas}
          onCancel={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            onSelect(id);
          }}
        />
      )}
      <input type="search" className="interview-search" aria-label="Search interviews" placeholder="Search interviews…" value={filters.query} onChange={(e) => set({ query: e.target.value })} />
      <details className="interview-filters" open={filtered}>
        <summary>Filters{filtered ? ' (on)' : ''}</summary>
        <label className="field">
          Persona
          <select aria-label="Filter by persona" value={filters.personaId} onChange={(e) => set({ personaId: e.target.value })}>
            <option value="">All personas</option>
            {personas.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Method
          <select aria-label="Filter by method" value={filters.method} onChange={(e) => set({ method: e.target.value as InterviewMethod | '' })}>
            <option value="">All methods</option>
            {INTERVIEW_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_NAMES[m]}
              </option>
            ))}
          </select>
        </label>
        <div className="field-row">
          <label className="field">
            From
            <input type="date" aria-label="Held from" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
          </label>
          <label className="field">
            To
            <input type="date" aria-label="Held up to" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
          </label>
        </div>
        {datesBackwards && <p className="field-problem">The “from” date is after the “to” date, so no interview can match.</p>}
        {filtered && (
          <button type="button" onClick={() => onFilters({ ...NO_FILTERS, query: filters.query })}>
            Clear filters
          </button>
        )}
      </details>
      {error && <p className="load-error">{error}</p>}
      {list && list.length === 0 && (
        <p className="empty">{filters.query.trim() !== '' || filtered ? 'No interview matches.' : 'No interviews yet. Add one with “New interview”.'}</p>
      )}
      <ul className="interview-list" aria-label="Interviews, newest first">
        {(list ?? []).map(({ interview: i, quoteCount, snippet }) => (
          <li key={i.id}>
            <button type="button" className="interview-item" aria-current={i.id === selectedId ? 'true' : undefined} onClick={() => onSelect(i.id)}>
              <span className="interview-item-title">{i.title}</span>
              <span className="interview-item-meta">
                {[i.participant, i.personaId ? personaName.get(i.personaId) : ''].filter(Boolean).join(' · ') || 'No participant named'}
              </span>
              <span className="interview-item-meta">{[dayText(i.heldOn), METHOD_NAMES[i.method], count(quoteCount, 'quote')].filter(Boolean).join(' · ')}</span>
              {snippet && <Snippet text={snippet} />}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
