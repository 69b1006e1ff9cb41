/**
 * One quote of the interview: its words, who said them and when (in the recording, and the day); its sentiment,
 * day, tags and the stages it is evidence for (link, unlink); delete. Every change is saved at once.
 */
import { useState } from 'react';
import { newId } from '../../../../electron/api/ids.ts';
import type { Quote, QuoteLink, Tag } from '../../../../electron/api/types.ts';
import { useAppStore } from '../../store/AppStoreContext.tsx';
import { SaidOnInput } from '../common/SaidOnInput.tsx';
import { SentimentPicker } from '../common/SentimentPicker.tsx';
import { StagePicker } from '../common/StagePicker.tsx';
import { TagPicker } from '../common/TagPicker.tsx';
import type { MapOutline } from '../common/useMapOutlines.ts';
import { useRun } from '../common/useRun.ts';
import { formatTime } from './transcriptText.ts';
import { dayText, firstWords } from './words.ts';

export interface Undoable {
  text: string;
  tombstone: string;
}

interface Props {
  quote: Quote;
  links: readonly QuoteLink[];
  participant: string;
  tags: readonly Tag[];
  outlines: Record<string, MapOutline>;
  selected: boolean;
  onSelect: () => void;
  onChanged: () => Promise<void>;
  onUndoable: (u: Undoable) => void;
  ref?: React.Ref<HTMLElement>;
}

function linkName(link: QuoteLink, outlines: Record<string, MapOutline>): string {
  const map = outlines[link.mapId];
  if (!map) return 'a map';
  const stage = map.stages.find((s) => s.id === link.stageId)?.name ?? 'a stage';
  const card = link.cardId ? map.cards.find((c) => c.id === link.cardId)?.text : undefined;
  return [map.title, stage, ...(card !== undefined ? [firstWords(card, 30) || 'a card'] : [])].join(' › ');
}

export function QuoteItem({ quote: q, links, participant, tags, outlines, selected, onSelect, onChanged, onUndoable, ref }: Props) {
  const call = useAppStore((s) => s.call);
  const run = useRun();
  const [linking, setLinking] = useState(false);
  const short = `“${firstWords(q.text, 32)}”`;
  const edit = async (work: () => Promise<unknown>) => {
    await run(work);
    await onChanged();
  };

  return (
    <article ref={ref} className={selected ? 'quote-item selected' : 'quote-item'} aria-label={`Quote ${short}`} aria-current={selected ? 'true' : undefined}>
      <button type="button" className="quote-text" title={q.startOffset !== null ? 'Show it in the transcript' : 'This quote’s words are no longer in the text'} onClick={onSelect}>
        {q.text}
      </button>
      <p className="quote-meta">
        <span>{q.speaker || participant || 'Unknown speaker'}</span>
        {q.atSeconds !== null && <span>{formatTime(q.atSeconds)}</span>}
        {q.saidOn !== null && <time dateTime={q.saidOn}>{dayText(q.saidOn)}</time>}
        {q.startOffset === null && <span className="muted">not in the text any more</span>}
      </p>
      <SentimentPicker label={`Sentiment of ${short}`} value={q.sentiment} onChange={(sentiment) => edit(() => call('quotes.update', { id: q.id, sentiment }))} />
      <SaidOnInput
        label={`Day ${short} was said`}
        value={q.saidOn}
        onSave={async (saidOn) => {
          // Refused (said in words by run): false, so the field shows the saved day again.
          const saved = await run(() => call('quotes.update', { id: q.id, saidOn }));
          await onChanged();
          return saved !== undefined;
        }}
      />
      <TagPicker
        label={`Add a tag to ${short}`}
        tags={tags}
        chosen={q.tagIds}
        onAdd={(tagId) => void edit(() => call('quotes.tag', { quoteIds: [q.id], add: [tagId] }))}
        onRemove={(tagId) => void edit(() => call('quotes.tag', { quoteIds: [q.id], remove: [tagId] }))}
        onCreate={(name) => {
          const id = newId();
          // The new tag and its use on the quote are one transaction (and one undo step).
          void edit(() =>
            call('batch.run', {
              steps: [
                { name: 'tags.create', input: { id, name } },
                { name: 'quotes.update', input: { id: q.id, tagIds: [...q.tagIds, id] } },
              ],
            }),
          );
        }}
      />
      <div className="quote-links">
        {links.length > 0 && (
          <ul aria-label={`Stages ${short} is evidence for`}>
            {links.map((l) => {
              const name = linkName(l, outlines);
              return (
                <li key={l.id}>
                  <span>{name}</span>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Unlink from ${name}`}
                    onClick={() => {
                      const tombstone = newId();
                      void edit(async () => {
                        await call('quoteLinks.delete', { id: l.id, tombstone });
                        onUndoable({ text: `Took ${short} off ${name}.`, tombstone });
                      });
                    }}
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {linking ? (
          <StagePicker
            label={`Link ${short} to a stage`}
            onCancel={() => setLinking(false)}
            onLink={({ stageId, cardId }) => {
              setLinking(false);
              void edit(() => call('quotes.link', { quoteIds: [q.id], stageId, cardId }));
            }}
          />
        ) : (
          <div className="quote-actions">
            <button type="button" onClick={() => setLinking(true)}>
              Link to a stage…
            </button>
            <button
              type="button"
              className="danger-quiet"
              aria-label={`Delete quote ${short}`}
              onClick={() => {
                const tombstone = newId();
                void edit(async () => {
                  await call('quotes.delete', { id: q.id, tombstone });
                  onUndoable({ text: `Deleted the quote ${short}.`, tombstone });
                });
              }}
            >
              Delete
            </button>
          </div>
        )}
      </div>
    </article>
  );
}
