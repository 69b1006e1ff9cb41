/**
 * TagPicker — a quote's tags: each shown with a button that removes it, and a combobox that adds one of the
 * workspace's tags or makes a new tag from the words typed.
 * Props: `tags` (every tag of the workspace, e.g. from tags.list), `chosen` (ids of the quote's tags),
 * `onAdd(tagId)`, `onCreate(name)` (make the tag and put it on the quote), `onRemove(tagId)`,
 * `label` (the combobox's accessible name, e.g. "Add a tag to “…”"), `disabled?`.
 * Keys: ↓/↑ move in the list, Enter adds the option shown active (or the first), Escape closes the list.
 */
import { useId, useState } from 'react';
import type { Tag } from '../../../../electron/api/types.ts';
import { tagOptions, type TagOption } from './tagOptions.ts';

export interface TagPickerProps {
  tags: readonly Tag[];
  chosen: readonly string[];
  onAdd: (tagId: string) => void;
  onCreate: (name: string) => void;
  onRemove: (tagId: string) => void;
  label: string;
  disabled?: boolean;
}

export function TagPicker({ tags, chosen, onAdd, onCreate, onRemove, label, disabled = false }: TagPickerProps) {
  const listId = useId();
  const [typed, setTyped] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const options = tagOptions(tags, chosen, typed);
  const byId = new Map(tags.map((t) => [t.id, t]));
  const shown = open && options.length > 0;

  const pick = (option: TagOption | undefined) => {
    if (!option) return;
    if (option.kind === 'tag') onAdd(option.tag.id);
    else onCreate(option.name);
    setTyped('');
    setActive(-1);
    setOpen(false);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (options.length === 0 ? -1 : (i + step + options.length) % options.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (typed.trim() !== '' || active >= 0) pick(options[active >= 0 ? active : 0]);
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="tag-picker">
      <ul className="tag-chips" aria-label="Tags">
        {chosen.map((id) => {
          const name = byId.get(id)?.name ?? 'tag';
          return (
            <li key={id} className="tag-chip">
              <span>{name}</span>
              <button type="button" className="icon-button" aria-label={`Remove tag ${name}`} disabled={disabled} onClick={() => onRemove(id)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <div className="tag-combo">
        <input
          type="text"
          role="combobox"
          aria-label={label}
          aria-expanded={shown}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
          placeholder="Add a tag…"
          value={typed}
          disabled={disabled}
          onChange={(e) => {
            setTyped(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label="Tags to add" className="tag-options" hidden={!shown}>
          {options.map((option, i) => (
            <li
              key={option.kind === 'tag' ? option.tag.id : 'create'}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={option.kind === 'create' ? 'tag-option create' : 'tag-option'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(option)}
            >
              {option.kind === 'tag' ? option.tag.name : `Create tag “${option.name}”`}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
