import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

interface InlineEditorProps {
  /** Accessible name of the text field. */
  label: string;
  initial: string;
  multiline?: boolean;
  maxLength: number;
  onCommit: (value: string) => void;
  onCancel: () => void;
}

/**
 * A text field that edits in place: Enter commits (Shift+Enter is a new line when multiline),
 * Escape cancels, leaving the field commits. Nothing is lost if the person clicks elsewhere.
 */
export function InlineEditor({ label, initial, multiline = false, maxLength, onCommit, onCancel }: InlineEditorProps) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit && value !== initial) onCommit(value);
    else onCancel();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      finish(false);
    } else if (e.key === 'Enter' && !(multiline && e.shiftKey)) {
      e.preventDefault();
      finish(true);
    }
  };

  const common = {
    ref,
    'aria-label': label,
    value,
    maxLength,
    onChange: (e: { target: { value: string } }) => setValue(e.target.value),
    onKeyDown,
    onBlur: () => finish(true),
    className: 'inline-editor',
  };
  return multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />;
}
