/** The tags of the workspace, with how many quotes carry each: rename, merge several into one, delete (with undo). */
import { useState } from 'react';
import type { TagUsage } from '../../../../electron/api/types.ts';
import { messageOf } from '../../api/errors.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { TagRename } from './TagRename.tsx';
import { countOf } from './words.ts';

interface TagsPanelProps {
  tags: TagUsage[];
  onFilter: (tagId: string) => void;
  onClose: () => void;
}

interface Said {
  text: string;
  /** What a delete kept, to undo it. */
  tombstone?: string;
}

export function TagsPanel({ tags, onFilter, onClose }: TagsPanelProps) {
  const call = useAppStore((s) => s.call);
  const [checked, setChecked] = useState<string[]>([]);
  const [into, setInto] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  // Read from the list as it is now: a merge or another window may have changed its count since the click.
  const deleting = tags.find((t) => t.id === deletingId) ?? null;
  const [said, setSaid] = useState<Said | null>(null);
  const [error, setError] = useState<string | null>(null);
  const picked = tags.filter((t) => checked.includes(t.id));
  const target = picked.find((t) => t.id === into) ?? picked[0];

  const run = async (work: () => Promise<Said>) => {
    setError(null);
    try {
      setSaid(await work());
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    }
  };

  const merge = () => {
    if (!target || picked.length < 2) return;
    const others = picked.filter((t) => t.id !== target.id);
    void run(async () => {
      await call('tags.merge', { ids: others.map((t) => t.id), into: target.id });
      setChecked([]);
      return { text: `Merged ${others.map((t) => `“${t.name}”`).join(', ')} into “${target.name}”.` };
    });
  };

  const remove = (tag: TagUsage) => {
    setDeletingId(null);
    void run(async () => {
      const changes = await call('tags.delete', { id: tag.id });
      setChecked((c) => c.filter((id) => id !== tag.id));
      return { text: `Deleted the tag “${tag.name}”.`, tombstone: changes.tombstones[0] };
    });
  };

  const undo = (tombstone: string) => void run(async () => (await call('tombstones.restore', { id: tombstone }), { text: 'The tag is back, on the same quotes.' }));

  return (
    <aside className="tags-panel" aria-label="Tags">
      <div className="tags-panel-head">
        <h2>Tags</h2>
        <button type="button" aria-label="Close the tags panel" onClick={onClose}>
          ×
        </button>
      </div>
      <div role="status" className="tags-said">
        {said && (
          <>
            <span>{said.text}</span>
            {said.tombstone !== undefined && (
              <button type="button" onClick={() => said.tombstone !== undefined && undo(said.tombstone)}>
                Undo
              </button>
            )}
          </>
        )}
      </div>
      {error && (
        <p role="alert" className="quote-dialog-error">
          {error}
        </p>
      )}
      {tags.length === 0 ? (
        <p className="muted">No tags yet. Tag quotes from the board (select quotes, then Tag…) or in an interview.</p>
      ) : (
        <ul className="tags-list">
          {tags.map((t) => (
            <li key={t.id} className="tags-item">
              <input
                type="checkbox"
                aria-label={`Select the tag ${t.name}`}
                checked={checked.includes(t.id)}
                onChange={(e) => setChecked((c) => (e.target.checked ? [...c, t.id] : c.filter((id) => id !== t.id)))}
              />
              {renaming === t.id ? (
                <TagRename
                  tag={t}
                  onSave={(name) =>
                    run(async () => {
                      await call('tags.rename', { id: t.id, name });
                      setRenaming(null);
                      return { text: `Renamed “${t.name}” to “${name.trim()}”.` };
                    })
                  }
                  onCancel={() => setRenaming(null)}
                />
              ) : (
                <>
                  <button type="button" className="tags-name" aria-label={`Show the quotes tagged ${t.name}`} onClick={() => onFilter(t.id)}>
                    {t.name}
                  </button>
                  <span className="tags-count">{countOf(t.quoteCount, 'quote')}</span>
                  <button type="button" aria-label={`Rename the tag ${t.name}`} onClick={() => setRenaming(t.id)}>
                    Rename
                  </button>
                  <button type="button" aria-label={`Delete the tag ${t.name}`} onClick={() => setDeletingId(t.id)}>
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {picked.length >= 2 && target && (
        <div className="tags-merge" role="group" aria-label="Merge tags">
          <label className="field">
            Merge {countOf(picked.length, 'tag')} into
            <select value={target.id} onChange={(e) => setInto(e.target.value)}>
              {picked.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" onClick={merge}>
            Merge
          </button>
        </div>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete the tag “${deleting.name}”?`}
          message={
            deleting.quoteCount === 0
              ? 'No quote carries it.'
              : `It is on ${countOf(deleting.quoteCount, 'quote')}; they keep their words, sentiment, other tags and places. You can undo this.`
          }
          confirmLabel="Delete tag"
          onConfirm={() => remove(deleting)}
          onCancel={() => setDeletingId(null)}
        />
      )}
    </aside>
  );
}
