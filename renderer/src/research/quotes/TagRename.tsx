/** A tag's name being changed in place: Enter or Save keeps it, Escape or Cancel leaves it. */
import { useState } from 'react';
import { LIMITS } from '../../../../electron/api/fields.ts';
import type { Tag } from '../../../../electron/api/types.ts';

interface TagRenameProps {
  tag: Tag;
  /** Resolves false when the workspace refused the name (the panel says why); the field stays open then. */
  onSave: (name: string) => Promise<boolean>;
  onCancel: () => void;
}

export function TagRename({ tag, onSave, onCancel }: TagRenameProps) {
  const [name, setName] = useState(tag.name);
  const blank = name.trim() === '';
  return (
    <form
      className="tags-rename"
      onSubmit={(e) => {
        e.preventDefault();
        if (!blank) void onSave(name);
      }}
    >
      <input
        aria-label={`New name for the tag ${tag.name}`}
        value={name}
        maxLength={LIMITS.name}
        autoFocus
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      />
      <button type="submit" disabled={blank || name.trim() === tag.name}>
        Save
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
