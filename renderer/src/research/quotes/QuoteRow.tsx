/** One quote in the board's list: its words (search matches marked), who said it and on which day, where, how it felt, its tags and places. */
import { memo } from 'react';
import type { QuoteHit } from '../../../../electron/api/types.ts';
import { dayText } from '../../labels.ts';
import type { BoardNames } from './useBoardNames.ts';
import { splitSnippet } from './snippet.ts';
import { sentimentSign, sentimentWord } from './words.ts';

/** Every row is this tall (px): the list's height is the total times this, and rows are placed by index. */
export const ROW_HEIGHT = 78;

interface QuoteRowProps {
  index: number;
  total: number;
  hit: QuoteHit | undefined;
  selected: boolean;
  active: boolean;
  names: Pick<BoardNames, 'tags' | 'maps' | 'parts'>;
  onPointer: (index: number, e: React.MouseEvent) => void;
  /** Open the quote in its transcript: the quote this row shows (the list's page may be fetched again meanwhile). */
  onOpen: (index: number, hit?: QuoteHit) => void;
}

export const rowId = (index: number) => `quote-row-${index}`;

function Words({ hit }: { hit: QuoteHit }) {
  if (hit.snippet === null) return <>{hit.quote.text}</>;
  return (
    <>
      {splitSnippet(hit.snippet).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}

/** "Map › Stage" for each place the quote is linked (a map's stages are named once fetched). */
export function placesOf(hit: QuoteHit, names: Pick<BoardNames, 'maps' | 'parts'>): string[] {
  return hit.links.map((l) => {
    const map = names.maps.find((m) => m.id === l.mapId)?.title ?? 'A map';
    const stage = names.parts[l.mapId]?.stages.find((s) => s.id === l.stageId)?.name;
    return stage === undefined ? map : `${map} › ${stage}`;
  });
}

export const QuoteRow = memo(function QuoteRow({ index, total, hit, selected, active, names, onPointer, onOpen }: QuoteRowProps) {
  const style = { top: index * ROW_HEIGHT, height: ROW_HEIGHT };
  const common = { id: rowId(index), role: 'option', 'aria-setsize': total, 'aria-posinset': index + 1, style } as const;
  if (!hit) {
    return (
      <div {...common} aria-selected={false} className="quote-row quote-row-loading">
        <span className="quote-row-text">Quote {(index + 1).toLocaleString('en-US')}, loading…</span>
      </div>
    );
  }
  const { quote } = hit;
  const tagNames = quote.tagIds.map((id) => names.tags.find((t) => t.id === id)?.name).filter((n): n is string => n !== undefined);
  const places = placesOf(hit, names);
  const who = quote.speaker || hit.participant || 'Unknown participant';
  return (
    <div
      {...common}
      aria-selected={selected}
      className={`quote-row${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      onMouseDown={(e) => {
        if (e.shiftKey) e.preventDefault(); // no text selection on Shift+click
      }}
      onClick={(e) => onPointer(index, e)}
      onDoubleClick={() => onOpen(index, hit)}
    >
      <span className="quote-check" aria-hidden="true">
        {selected ? '✓' : ''}
      </span>
      <span className="quote-row-text">
        <Words hit={hit} />
      </span>
      <span className="quote-row-meta">
        <span className="quote-who">{who}</span>
        {quote.saidOn !== null && (
          <time className="quote-said-on" dateTime={quote.saidOn} title="The day it was said">
            {dayText(quote.saidOn)}
          </time>
        )}
        <span className="quote-interview">{hit.interviewTitle}</span>
        {quote.sentiment !== null && (
          <span className={`quote-sentiment sentiment-${quote.sentiment < 0 ? 'neg' : quote.sentiment > 0 ? 'pos' : 'zero'}`}>
            {sentimentSign(quote.sentiment)} {sentimentWord(quote.sentiment)}
          </span>
        )}
        {tagNames.map((name) => (
          <span key={name} className="quote-tag">
            {name}
          </span>
        ))}
        {places.length > 0 ? (
          <span className="quote-places">On {places.join(', ')}</span>
        ) : (
          <span className="quote-places quote-unplaced">Not on any map</span>
        )}
      </span>
    </div>
  );
});
