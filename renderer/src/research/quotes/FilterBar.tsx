/** The board's filters: map, stage of that map, persona, interview, tag, sentiments, and "not on any map". */
import { useEffect } from 'react';
import { hasFilters, NO_FILTERS, toggleSentiment, withFilter, type QuoteFilters } from './filters.ts';
import type { BoardNames } from './useBoardNames.ts';
import { SENTIMENTS, sentimentSign, sentimentWord } from './words.ts';

interface FilterBarProps {
  filters: QuoteFilters;
  names: BoardNames;
  onChange: (filters: QuoteFilters) => void;
}

const ANY = '';

interface ChoiceProps {
  label: string;
  value: string | null;
  any: string;
  options: { id: string; name: string }[];
  disabled?: boolean;
  onChange: (id: string | null) => void;
}

function Choice({ label, value, any, options, disabled = false, onChange }: ChoiceProps) {
  return (
    <label className="quote-filter">
      <span>{label}</span>
      <select aria-label={label} value={value ?? ANY} disabled={disabled} onChange={(e) => onChange(e.target.value === ANY ? null : e.target.value)}>
        <option value={ANY}>{any}</option>
        {value !== null && !options.some((o) => o.id === value) && <option value={value}>…</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterBar({ filters, names, onChange }: FilterBarProps) {
  const set = <K extends keyof QuoteFilters>(key: K, value: QuoteFilters[K]) => onChange(withFilter(filters, key, value));
  const { need } = names;
  const { mapId } = filters;
  useEffect(() => {
    if (mapId !== null) need([mapId]);
  }, [mapId, need]);
  const stages = mapId === null ? [] : (names.parts[mapId]?.stages ?? []);

  return (
    <div className="quote-filters" role="group" aria-label="Filters">
      <Choice label="Map" any="All maps" value={filters.mapId} options={names.maps.map((m) => ({ id: m.id, name: m.title }))} onChange={(v) => set('mapId', v)} />
      <Choice label="Stage" any={mapId === null ? 'Pick a map first' : 'Any stage'} value={filters.stageId} disabled={mapId === null} options={stages} onChange={(v) => set('stageId', v)} />
      <Choice label="Persona" any="All personas" value={filters.personaId} options={names.personas} onChange={(v) => set('personaId', v)} />
      <Choice
        label="Interview"
        any="All interviews"
        value={filters.interviewId}
        options={names.interviews.map((i) => ({ id: i.interview.id, name: i.interview.title }))}
        onChange={(v) => set('interviewId', v)}
      />
      <Choice label="Tag" any="All tags" value={filters.tagId} options={names.tags} onChange={(v) => set('tagId', v)} />
      <div className="quote-filter" role="group" aria-label="Sentiment">
        <span aria-hidden="true">Sentiment</span>
        <div className="quote-sentiments">
          {SENTIMENTS.map((s) => (
            <button
              key={s}
              type="button"
              className={`sentiment-toggle sentiment-${s < 0 ? 'neg' : s > 0 ? 'pos' : 'zero'}`}
              aria-pressed={filters.sentiments.includes(s)}
              aria-label={`${sentimentSign(s)} ${sentimentWord(s)}`}
              title={sentimentWord(s)}
              onClick={() => onChange(toggleSentiment(filters, s))}
            >
              {sentimentSign(s)}
            </button>
          ))}
        </div>
      </div>
      <label className="quote-filter quote-filter-check">
        <input type="checkbox" checked={filters.unlinked} onChange={(e) => set('unlinked', e.target.checked)} />
        <span>Not on any map</span>
      </label>
      <button type="button" className="quote-filters-clear" disabled={!hasFilters(filters)} onClick={() => onChange(NO_FILTERS)}>
        Clear filters
      </button>
    </div>
  );
}
