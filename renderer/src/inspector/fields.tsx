import { useState } from 'react';
import { SWATCHES } from './swatches.ts';

interface TextFieldProps {
  label: string;
  value: string;
  maxLength: number;
  multiline?: boolean;
  onCommit: (value: string) => void;
}

/** A labelled field that saves when it loses focus, on Enter and on Escape (what was typed is kept), like every edit here. */
export function TextField({ label, value, maxLength, multiline = false, onCommit }: TextFieldProps) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // The record changed underneath (undo, another view): show the new value.
    setSeen(value);
    setDraft(value);
  }
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  const common = {
    value: draft,
    maxLength,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: commit,
    onKeyDown: (e: React.KeyboardEvent) => {
      e.stopPropagation();
      if (e.nativeEvent.isComposing) return;
      if (e.key === 'Escape' || (e.key === 'Enter' && !(multiline && e.shiftKey))) {
        e.preventDefault();
        commit();
      }
    },
  };
  return (
    <label className="field">
      <span>{label}</span>
      {multiline ? <textarea rows={4} {...common} /> : <input type="text" {...common} />}
    </label>
  );
}


/** Colour swatches; "Lane colour" (null) is drawn in the colour the thing has without one of its own. */
export function ColorField({ label, value, laneFill, onChange }: { label: string; value: string | null; laneFill: string; onChange: (v: string | null) => void }) {
  return (
    <fieldset className="field swatches">
      <legend>{label}</legend>
      {SWATCHES.map((s) => (
        <button
          key={s.name}
          type="button"
          className="swatch"
          aria-label={`${label}: ${s.name}`}
          aria-pressed={value === s.value}
          title={s.name}
          style={{ background: s.value ?? laneFill }}
          onClick={() => onChange(s.value)}
        />
      ))}
    </fieldset>
  );
}

export function SelectField<T extends string>({ label, value, options, onChange }: { label: string; value: T | ''; options: readonly { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T)}>
        {value === '' && <option value="">(mixed)</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
