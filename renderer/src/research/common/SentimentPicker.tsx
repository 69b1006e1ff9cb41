/**
 * SentimentPicker — a quote's sentiment on the −2..+2 scale, as a group of radio buttons drawn as segments
 * (arrow keys move between them, as in any radio group).
 * Props: `value` (number | null: none yet), `onChange(value: number | null): Promise` (saves it; the picked
 * value shows until the promise settles, so the pick is seen at once), `label?` (the group's name,
 * default "Sentiment"; give the quote's words to tell groups apart), `disabled?`.
 * Each option is named for screen readers: "No sentiment", "Sentiment −1, negative", …
 */
import { useId, useState } from 'react';
import { SENTIMENT_VALUES, sentimentName, sentimentNumber } from './sentiment.ts';

export interface SentimentPickerProps {
  value: number | null;
  onChange: (value: number | null) => Promise<unknown>;
  label?: string;
  disabled?: boolean;
}

const OPTIONS: readonly (number | null)[] = [null, ...SENTIMENT_VALUES];

export function SentimentPicker({ value, onChange, label = 'Sentiment', disabled = false }: SentimentPickerProps) {
  const name = useId();
  const [pending, setPending] = useState<{ value: number | null } | null>(null);
  const shown = pending ? pending.value : value;
  const pick = (option: number | null) => {
    setPending({ value: option });
    void onChange(option).finally(() => setPending(null));
  };
  return (
    <fieldset className="sentiment-picker" aria-label={label} disabled={disabled}>
      {OPTIONS.map((option) => (
        <label key={option ?? 'none'} className={`sentiment-option sentiment-${option === null ? 'none' : option < 0 ? 'neg' : option > 0 ? 'pos' : 'zero'}`} title={sentimentName(option)}>
          <input type="radio" name={name} checked={shown === option} aria-label={sentimentName(option)} onChange={() => pick(option)} />
          <span aria-hidden="true">{option === null ? '–' : sentimentNumber(option)}</span>
        </label>
      ))}
    </fieldset>
  );
}
