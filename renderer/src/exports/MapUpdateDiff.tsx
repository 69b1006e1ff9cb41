/**
 * What updating a map from its workbook changes, before anything is written: cards added, changed (each
 * field from → to) and removed (and why), stages and lanes added or renamed, emotion scores.
 */
import type { CardChange, MapUpdatePreview } from '../../../electron/api/mapImports.ts';
import { countOf } from '../labels.ts';

const FIELD_NAMES: Record<CardChange['fields'][number]['field'], string> = {
  text: 'text',
  color: 'colour',
  channel: 'channel',
  evidence: 'evidence',
  votes: 'votes',
  place: 'place',
};

const short = (text: string, n = 90) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

/** The update in one sentence. */
export function updateSummary(p: MapUpdatePreview): string {
  const parts = [
    p.cards.added.length > 0 ? `${countOf(p.cards.added.length, 'card', 'cards')} added` : '',
    p.cards.changed.length > 0 ? `${countOf(p.cards.changed.length, 'card', 'cards')} changed` : '',
    p.cards.removed.length > 0 ? `${countOf(p.cards.removed.length, 'card', 'cards')} removed` : '',
    p.stages.added.length > 0 ? `${countOf(p.stages.added.length, 'stage', 'stages')} added` : '',
    p.stages.renamed.length > 0 ? `${countOf(p.stages.renamed.length, 'stage', 'stages')} renamed` : '',
    p.lanes.added.length > 0 ? `${countOf(p.lanes.added.length, 'lane', 'lanes')} added` : '',
    p.lanes.renamed.length > 0 ? `${countOf(p.lanes.renamed.length, 'lane', 'lanes')} renamed` : '',
    p.emotions.length > 0 ? `${countOf(p.emotions.length, 'emotion score', 'emotion scores')} changed` : '',
  ].filter((s) => s !== '');
  return parts.length === 0 ? `The workbook shows “${p.title}” as it is: there is nothing to update.` : `${parts.join(', ')}.`;
}

function Cards({ label, cards, kind }: { label: string; cards: readonly CardChange[]; kind: 'added' | 'changed' | 'removed' }) {
  if (cards.length === 0) return null;
  return (
    <section aria-label={label} className={`map-update-${kind}`}>
      <h3>
        {label} ({cards.length})
      </h3>
      <ul>
        {cards.map((c, i) => (
          <li key={c.id ?? `new-${i}`}>
            <span className="muted">
              {c.lane} · {c.stage}
              {c.cell !== null ? ` (${c.cell})` : ''}:
            </span>{' '}
            “{short(c.text)}”
            {kind === 'changed' && (
              <ul>
                {c.fields.map((f) => (
                  <li key={f.field}>
                    {FIELD_NAMES[f.field]}: {f.field === 'text' ? `“${short(f.from, 120)}”` : f.from} → {f.field === 'text' ? `“${short(f.to, 120)}”` : f.to}
                  </li>
                ))}
              </ul>
            )}
            {kind === 'removed' && c.why !== undefined && <span className="muted"> {c.why}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MapUpdateDiff({ preview }: { preview: MapUpdatePreview }) {
  const renames = [
    ...preview.stages.renamed.map((s) => `Stage “${s.from}” → “${s.to}” (column ${s.column})`),
    ...preview.lanes.renamed.map((l) => `Lane “${l.from}” → “${l.to}” (row ${l.row})`),
    ...preview.stages.added.map((s) => `New stage “${s.name}” (column ${s.column})`),
    ...preview.lanes.added.map((l) => `New lane “${l.title}” (row ${l.row})`),
  ];
  return (
    <div className="map-update-diff">
      <Cards label="Cards added" cards={preview.cards.added} kind="added" />
      <Cards label="Cards changed" cards={preview.cards.changed} kind="changed" />
      <Cards label="Cards removed" cards={preview.cards.removed} kind="removed" />
      {renames.length > 0 && (
        <section aria-label="Stages and lanes">
          <h3>Stages and lanes ({renames.length})</h3>
          <ul>
            {renames.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      )}
      {preview.emotions.length > 0 && (
        <section aria-label="Emotion scores">
          <h3>Emotion scores ({preview.emotions.length})</h3>
          <ul>
            {preview.emotions.map((e, i) => (
              <li key={i}>
                <span className="muted">
                  {e.lane} · {e.stage}, {e.curve} ({e.cell}):
                </span>{' '}
                {e.from} → {e.to}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
