import { useId, useState, type DragEvent } from 'react';
import type { ChangeSet, Persona } from '../../../../electron/api/types.ts';
import { messageOf } from '../../api/errors.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { PersonaAvatar } from './PersonaAvatar.tsx';
import { pictureChanged, usePersonaPicture } from './personaImages.ts';
import { PICTURE_RULES } from './pictureRules.ts';
import { preparePicture } from './preparePicture.ts';

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; text: string } | { kind: 'refused'; text: string };

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

/**
 * A persona's picture: chosen with the file input or dropped on it, checked and scaled here (nothing is sent
 * when it is refused), stored by the workspace (which checks it again and may refuse it too), and removable.
 */
export function PersonaPicture({ persona, onChanged }: { persona: Persona; onChanged: (changes: ChangeSet) => void }) {
  const call = useAppStore((s) => s.call);
  const picture = usePersonaPicture(persona.id);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const messageId = useId();

  const store = async (image: string | null, done: string) => {
    try {
      onChanged(await call('personas.setImage', { id: persona.id, image }));
      pictureChanged(call, persona.id);
      setStatus({ kind: 'done', text: done });
    } catch (error) {
      setStatus({ kind: 'refused', text: messageOf(error) });
    }
  };

  const take = async (file: File | undefined) => {
    if (!file) return;
    setStatus({ kind: 'busy' });
    const prepared = await preparePicture(file);
    if (!prepared.ok) {
      setStatus({ kind: 'refused', text: prepared.message });
      return;
    }
    await store(prepared.base64, `Picture saved (${prepared.width} × ${prepared.height} px).`);
  };

  const busy = status.kind === 'busy';
  return (
    <fieldset className="field persona-picture" aria-describedby={status.kind === 'idle' ? undefined : messageId}>
      <legend>Picture</legend>
      <div
        className={dragging ? 'persona-picture-drop dragging' : 'persona-picture-drop'}
        onDragOver={(e) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          setDragging(false);
          void take(e.dataTransfer.files[0]);
        }}
      >
        <PersonaAvatar persona={persona} size={120} />
        <span className="persona-picture-hint">{picture ? 'Drop a picture here to replace it' : 'Drop a picture here'}</span>
      </div>
      <div className="persona-picture-actions">
        <label className={busy ? 'file-button disabled' : 'file-button'}>
          {picture ? 'Replace picture…' : 'Choose picture…'}
          <input
            type="file"
            className="visually-hidden"
            accept={PICTURE_RULES.accept}
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = ''; // the same file can be chosen again after a refusal
              void take(file);
            }}
          />
        </label>
        {picture && (
          <button type="button" disabled={busy} onClick={() => void store(null, 'Picture removed.')}>
            Remove picture
          </button>
        )}
      </div>
      <div id={messageId}>
        <p className="persona-picture-status" role="status">
          {status.kind === 'busy' ? 'Reading the picture…' : status.kind === 'done' ? status.text : ''}
        </p>
        <p className="persona-picture-refusal" role="alert">
          {status.kind === 'refused' ? status.text : ''}
        </p>
      </div>
      <p className="persona-picture-about">PNG, JPEG or WebP, up to 10 MB; stored at most 512 px on its long side.</p>
    </fieldset>
  );
}
