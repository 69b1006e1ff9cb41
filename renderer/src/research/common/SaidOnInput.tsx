/**
 * SaidOnInput — the day a quote was said, as a date field that saves when left or on Enter (an empty field: no
 * day; a half-typed one: nothing saved, the saved day shown again) and goes back to the saved day on Escape; a
 * day changed elsewhere (undo, another window) is taken up.
 * Props: `value` (YYYY-MM-DD | null), `onSave(day: string | null): Promise` (saves it; `false` or a rejection
 * puts the saved day back in the field), `label` (the field's accessible name; give the quote's words to tell
 * fields apart).
 */
import { useState } from 'react';

/** The days a field offers: four-digit years, as the workspace holds them. */
const FIRST_DAY = '0001-01-01';
const LAST_DAY = '9999-12-31';

export interface SaidOnInputProps {
  value: string | null;
  onSave: (day: string | null) => Promise<unknown>;
  label: string;
}

export function SaidOnInput({ value, onSave, label }: SaidOnInputProps) {
  const saved = value ?? '';
  const [draft, setDraft] = useState(saved);
  const [shown, setShown] = useState(saved);
  // The day being saved: Enter then leaving the field saves it once.
  const [sent, setSent] = useState<string | null>(null);
  if (shown !== saved) {
    setShown(saved);
    setDraft(saved);
    setSent(null);
  }
  const commit = (field: HTMLInputElement) => {
    // A day half typed (a part cleared to be typed again, a year of six digits) reads as no day at all: it is
    // not taken as one to clear. The field shows the saved day again; nothing is saved.
    if (field.validity.badInput || field.validity.rangeOverflow || field.validity.rangeUnderflow) {
      setDraft(saved);
      if (field.validity.badInput) field.value = saved;
      return;
    }
    if (draft === saved || draft === sent) return;
    setSent(draft);
    const back = () => {
      setSent(null);
      setDraft(saved);
    };
    // Not saved (refused, or nothing to do): the field shows the saved day again.
    onSave(draft === '' ? null : draft).then((ok) => ok === false && back(), back);
  };
  return (
    <input
      type="date"
      className="said-on-input"
      aria-label={label}
      title={label}
      value={draft}
      min={FIRST_DAY}
      max={LAST_DAY}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={(e) => commit(e.currentTarget)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(e.currentTarget);
        if (e.key === 'Escape') setDraft(saved);
      }}
    />
  );
}
