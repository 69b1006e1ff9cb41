import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { runKey } from '../actions/dispatch.ts';
import { EDITOR_ACTIONS } from '../actions/table.ts';

interface InlineEditorProps {
  /** Accessible name of the text field. */
  label: string;
  initial: string;
  multiline?: boolean;
  maxLength: number;
  /**
   * A new thing being named: confirming (Enter, or a click elsewhere) creates it even with the name it was
   * offered; Escape with nothing typed creates nothing.
   */
  fresh?: boolean;
  onCommit: (value: string) => void;
  onCancel: () => void;
  /**
   * What is wrong with a value (null when nothing): Enter on a wrong one keeps the field open and tells `onProblem`
   * why, and leaving the field with it changes nothing (onCancel).
   */
  check?: (value: string) => string | null;
  /** The problem `check` found with the value as it was last confirmed (null once it is fixed or typed anew). */
  onProblem?: (problem: string | null) => void;
  /** The id of the element that says what is wrong (aria-describedby), while something is. */
  problemId?: string;
  /** Called with what `check` found when the field is left, or Escape pressed, with a wrong value (then onCancel). */
  onGiveUp?: (problem: string) => void;
  className?: string;
  style?: CSSProperties;
}

/**
 * The one in-place text editor (cards, stage and lane names, labels, titles), on the canvas and in the table.
 * Its keys come from the table of actions: Enter finishes (Shift+Enter is a new line when multiline), and so
 * does Escape — what was typed is kept, as on a whiteboard, because losing words in a workshop is the worse
 * failure. Leaving the field keeps the text too.
 */
export function InlineEditor({ label, initial, multiline = false, maxLength, fresh = false, onCommit, onCancel, check, onProblem, problemId, onGiveUp, className = 'inline-editor', style }: InlineEditorProps) {
  const [value, setValue] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const done = useRef(false);
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);

  useEffect(() => {
    // Never let focusing the field scroll its container (the canvas box is not meant to scroll).
    ref.current?.focus({ preventScroll: true });
    ref.current?.select();
  }, []);

  /**
   * Keep what was typed. A new thing is created by Enter (with the name offered, if nothing was typed), or
   * when a name was typed; leaving the field or Escape with the offered name, or none, creates nothing.
   */
  const finish = (how: 'confirm' | 'escape' | 'leave') => {
    if (done.current) return;
    done.current = true;
    const typed = fresh ? value.trim() !== '' && value !== initial : value !== initial;
    const problem = typed && check ? check(value) : null;
    if (problem !== null && how === 'confirm') {
      // Said, and the field stays for it to be put right (Escape or leaving it gives up).
      done.current = false;
      setInvalid(true);
      onProblem?.(problem);
      return;
    }
    if (typed && problem === null) onCommit(value);
    else if (!typed && fresh && how === 'confirm') onCommit(value);
    else {
      if (problem !== null) onGiveUp?.(problem);
      onCancel();
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation(); // the canvas and the window keep their keys to themselves while this has focus
    // Enter and Escape while an input method composes (Chinese, Japanese, Korean) belong to the composition.
    if (e.nativeEvent.isComposing) return;
    if (runKey(EDITOR_ACTIONS, e, { finish, multiline })) e.preventDefault();
  };

  const common = {
    ref,
    'aria-label': label,
    value,
    maxLength,
    onChange: (e: { target: { value: string } }) => {
      setValue(e.target.value);
      if (invalid) {
        setInvalid(false);
        onProblem?.(null);
      }
    },
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? problemId : undefined,
    onKeyDown,
    onBlur: () => finish('leave'),
    className,
    style,
  };
  return multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />;
}
