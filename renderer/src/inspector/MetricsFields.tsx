import { useId, useState } from 'react';
import { COMMON_METRIC_NAMES, COMMON_UNITS, notANumber, parseMetricValue } from '../store/funnel.ts';

/** The names and units offered while typing (any other text is fine too). */
export function MetricSuggestions({ names, units }: { names: string; units: string }) {
  return (
    <>
      <datalist id={names}>
        {COMMON_METRIC_NAMES.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <datalist id={units}>
        {COMMON_UNITS.map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
    </>
  );
}

interface DraftFieldProps {
  label: string;
  value: string;
  maxLength?: number;
  type?: 'text' | 'date';
  /** A datalist's id: the field becomes a combobox offering its options. */
  list?: string;
  inputMode?: 'decimal';
  /** Returns a message when the text cannot be saved (then nothing is saved and the text stays to be fixed). */
  check?: (text: string) => string | null;
  onCommit: (text: string) => void;
}

/**
 * A field that saves when it loses focus or on Enter, like every edit here; what cannot be saved gets a
 * message beside the field, and the record is left as it was.
 */
export function DraftField({ label, value, maxLength, type = 'text', list, inputMode, check, onCommit }: DraftFieldProps) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  const messageId = useId();
  if (value !== seen) {
    // The record changed underneath (undo, another window): show the new value.
    setSeen(value);
    setDraft(value);
    setProblem(null);
  }
  const commit = (text = draft) => {
    if (text === value) {
      setProblem(null);
      return;
    }
    const refusal = check?.(text) ?? null;
    setProblem(refusal);
    if (refusal === null) onCommit(text);
  };
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        value={draft}
        maxLength={maxLength}
        list={list}
        inputMode={inputMode}
        aria-invalid={problem !== null}
        aria-describedby={problem ? messageId : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          // A date picked from the calendar is a choice, not typing: save it at once.
          if (type === 'date') commit(e.target.value);
        }}
        onBlur={() => commit()}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'Enter' || e.key === 'Escape') {
            e.preventDefault();
            commit();
          }
        }}
      />
      {problem && (
        <span id={messageId} className="field-error" role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}

/** A value field: the text must read as a number. */
export const checkValue = (text: string): string | null => (parseMetricValue(text) === null ? notANumber(text) : null);

/** A name field: a metric needs a name. */
export const checkName = (text: string): string | null => (text.trim() === '' ? 'A metric needs a name, for example "entered stage" or "NPS".' : null);
