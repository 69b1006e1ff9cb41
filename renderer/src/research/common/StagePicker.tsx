/**
 * StagePicker — choose where a quote goes as evidence: a map, one of its stages, and optionally one card of
 * that stage; then "Link".
 * Props: `label` (the group's accessible name, e.g. "Link “…” to a stage"), `onLink({ mapId, stageId,
 * cardId })` (cardId null: the whole stage), `onCancel?()` (shows a Cancel button), `disabled?`.
 * The maps are the workspace's (the app store's list); stages and cards are read when a map is chosen.
 */
import { useState } from 'react';
import { snippet } from '../../labels.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { useMapOutlines } from './useMapOutlines.ts';
import { Field } from './Field.tsx';

export interface StagePick {
  mapId: string;
  stageId: string;
  cardId: string | null;
}

export interface StagePickerProps {
  label: string;
  onLink: (pick: StagePick) => void;
  onCancel?: () => void;
  disabled?: boolean;
}


export function StagePicker({ label, onLink, onCancel, disabled = false }: StagePickerProps) {
  const maps = useAppStore((s) => s.maps);
  const [mapId, setMapId] = useState(maps.length === 1 ? (maps[0]?.id ?? '') : '');
  const [stageId, setStageId] = useState('');
  const [cardId, setCardId] = useState('');
  const outline = useMapOutlines(mapId ? [mapId] : [])[mapId];
  const stages = outline?.stages ?? [];
  const cards = outline?.cards.filter((c) => c.stageId === stageId) ?? [];
  const ready = mapId !== '' && stages.some((s) => s.id === stageId);

  return (
    <fieldset className="stage-picker" aria-label={label} disabled={disabled}>
      <Field label="Map">
        {(id) => (
          <select
            id={id}
            value={mapId}
            onChange={(e) => {
              setMapId(e.target.value);
              setStageId('');
              setCardId('');
            }}
          >
            <option value="">Choose a map…</option>
            {maps.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Stage">
        {(id) => (
          <select
            id={id}
            value={stageId}
            disabled={!outline}
            onChange={(e) => {
              setStageId(e.target.value);
              setCardId('');
            }}
          >
            <option value="">{outline ? (stages.length > 0 ? 'Choose a stage…' : 'This map has no stages') : 'Choose a map first'}</option>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name || 'Unnamed stage'}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Card (optional)">
        {(id) => (
          <select id={id} value={cardId} disabled={!ready || cards.length === 0} onChange={(e) => setCardId(e.target.value)}>
            <option value="">The whole stage</option>
            {cards.map((c) => (
              <option key={c.id} value={c.id}>
                {snippet(c.text, 60)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="stage-picker-actions">
        <button type="button" className="primary" disabled={!ready} onClick={() => onLink({ mapId, stageId, cardId: cardId || null })}>
          Link
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </fieldset>
  );
}
