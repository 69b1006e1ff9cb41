/** "Tag…": add tags to and take tags off the selected quotes, a new tag made on the way when named. */
import { useId, useState } from 'react';
import { LIMITS } from '../../../../electron/api/fields.ts';
import type { TagUsage } from '../../../../electron/api/types.ts';
import { messageOf } from '../../api/errors.ts';
import { useModal } from '../../components/useModal.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { countOf } from './words.ts';

interface TagDialogProps {
  quoteIds: string[];
  tags: TagUsage[];
  onDone: (message: string) => void;
  onCancel: () => void;
}

type Change = 'keep' | 'add' | 'remove';

export function TagDialog({ quoteIds, tags, onDone, onCancel }: TagDialogProps) {
  const call = useAppStore((s) => s.call);
  const ref = useModal();
  const titleId = useId();
  const [changes, setChanges] = useState<Record<string, Change>>({});
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const add = tags.filter((t) => changes[t.id] === 'add').map((t) => t.id);
  const remove = tags.filter((t) => changes[t.id] === 'remove').map((t) => t.id);
  const fresh = newName.trim();
  const nothing = add.length === 0 && remove.length === 0 && fresh === '';

  const submit = async () => {
    if (nothing) {
      setError('Choose a tag to add or remove, or name a new one.');
      return;
    }
    setBusy(true);
    try {
      const adding = [...add];
      const names = tags.filter((t) => add.includes(t.id)).map((t) => t.name);
      if (fresh !== '') {
        const same = tags.find((t) => t.name.toLocaleLowerCase() === fresh.toLocaleLowerCase());
        const id = same?.id ?? (await call('tags.create', { name: fresh })).tags[0]?.id;
        if (id !== undefined && !adding.includes(id)) {
          adding.push(id);
          names.push(same?.name ?? fresh);
        }
      }
      const done = await call('quotes.tag', { quoteIds, add: adding, remove });
      const what = [names.length > 0 ? `added ${names.map((n) => `“${n}”`).join(', ')}` : '', remove.length > 0 ? `took off ${countOf(remove.length, 'tag')}` : '']
        .filter((w) => w !== '')
        .join(' and ');
      onDone(`Tagged ${countOf(done.quotes.length, 'quote')}: ${what}.`);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="quote-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>Tag {countOf(quoteIds.length, 'quote')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          New tag
          <input value={newName} maxLength={LIMITS.name} placeholder="A tag to make and add" onChange={(e) => setNewName(e.target.value)} />
        </label>
        {tags.length > 0 && (
          <fieldset className="quote-tag-changes">
            <legend>Existing tags</legend>
            {tags.map((t) => (
              <label key={t.id} className="quote-tag-change">
                <span>
                  {t.name} <span className="muted">({countOf(t.quoteCount, 'quote')})</span>
                </span>
                <select aria-label={t.name} value={changes[t.id] ?? 'keep'} onChange={(e) => setChanges((c) => ({ ...c, [t.id]: e.target.value as Change }))}>
                  <option value="keep">Leave as is</option>
                  <option value="add">Add</option>
                  <option value="remove">Remove</option>
                </select>
              </label>
            ))}
          </fieldset>
        )}
        {error && (
          <p role="alert" className="quote-dialog-error">
            {error}
          </p>
        )}
        <div className="confirm-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || nothing}>
            Apply
          </button>
        </div>
      </form>
    </dialog>
  );
}
