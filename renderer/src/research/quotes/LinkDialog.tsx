/** "Link to stage…": place the selected quotes as evidence on a stage of a map, optionally on one card of it. */
import { useEffect, useId, useState } from 'react';
import { messageOf } from '../../api/errors.ts';
import { useModal } from '../../components/useModal.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import type { BoardNames } from './useBoardNames.ts';
import { countOf } from './words.ts';

interface LinkDialogProps {
  quoteIds: string[];
  names: BoardNames;
  /** The map and stage to start from (the board's filters), when set. */
  start: { mapId: string | null; stageId: string | null };
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function LinkDialog({ quoteIds, names, start, onDone, onCancel }: LinkDialogProps) {
  const call = useAppStore((s) => s.call);
  const ref = useModal();
  const titleId = useId();
  const [mapId, setMapId] = useState(start.mapId ?? names.maps[0]?.id ?? '');
  const [stageId, setStageId] = useState(start.stageId ?? '');
  const [cardId, setCardId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { need } = names;
  useEffect(() => {
    if (mapId !== '') need([mapId]);
  }, [mapId, need]);
  const parts = names.parts[mapId];
  const stages = parts?.stages ?? [];
  const cards = (parts?.cards ?? []).filter((c) => c.stageId === stageId);
  const map = names.maps.find((m) => m.id === mapId);
  const stage = stages.find((s) => s.id === stageId);

  const submit = async () => {
    if (!stage || !map) {
      setError('Pick a map and a stage to place the quotes on.');
      return;
    }
    setBusy(true);
    try {
      const changes = await call('quotes.link', { quoteIds, stageId, cardId: cardId === '' ? null : cardId });
      const added = changes.quoteLinks.length;
      const already = quoteIds.length - added;
      const card = cardId === '' ? '' : ' (on one card)';
      onDone(`Linked ${countOf(added, 'quote')} to “${stage.name}” on “${map.title}”${card}${already > 0 ? `; ${countOf(already, 'was', 'were')} already there` : ''}.`);
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
      <h2 id={titleId}>Link {countOf(quoteIds.length, 'quote')} to a stage</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {names.maps.length === 0 && <p>This workspace has no maps yet: make one on the Map screen first.</p>}
        <label className="field">
          Map
          <select
            value={mapId}
            onChange={(e) => {
              setMapId(e.target.value);
              setStageId('');
              setCardId('');
            }}
          >
            {names.maps.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Stage
          <select
            value={stageId}
            onChange={(e) => {
              setStageId(e.target.value);
              setCardId('');
            }}
          >
            <option value="">{parts ? 'Pick a stage' : 'Loading stages…'}</option>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Card (optional)
          <select value={cardId} disabled={stageId === ''} onChange={(e) => setCardId(e.target.value)}>
            <option value="">The stage itself</option>
            {cards.map((c) => (
              <option key={c.id} value={c.id}>
                {c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text || '(a card without words)'}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p role="alert" className="quote-dialog-error">
            {error}
          </p>
        )}
        <div className="confirm-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || stageId === ''}>
            Link
          </button>
        </div>
      </form>
    </dialog>
  );
}
