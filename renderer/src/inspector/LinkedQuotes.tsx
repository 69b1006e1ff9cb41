import { useEffect, useState } from 'react';
import type { QuoteLink, TagUsage } from '../../../electron/api/types.ts';
import { messageOf } from '../api/errors.ts';
import { dayText, firstWords, formatScore } from '../labels.ts';
import { SaidOnInput } from '../research/common/SaidOnInput.tsx';
import { useAppStore } from '../store/AppStoreContext.tsx';
import { cardQuoteCounts, flagWords, quoteCountWords, stageEvidence, stageFlags, whoSaidHit, type PlacedQuote } from '../store/evidence.ts';
import { linkQuotes, setQuoteSaidOn, setQuoteSentiment, tagQuote, unlinkQuote } from '../store/evidenceCommands.ts';
import { useMapStore, usePerform } from '../store/MapStoreContext.tsx';
import { useUiStore } from '../store/uiStore.ts';

const SENTIMENTS = [-2, -1, 0, 1, 2] as const;

/** The workspace's tags, kept current as quotes and tags change anywhere. */
function useTagNames(): TagUsage[] {
  const call = useAppStore((s) => s.call);
  const events = useAppStore((s) => s.events);
  const report = useAppStore((s) => s.report);
  const [tags, setTags] = useState<TagUsage[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      call('tags.list', {}).then(
        (t) => live && setTags(t),
        (e: unknown) => live && report(messageOf(e)),
      );
    void load();
    const stop = events((e) => {
      if (e.type === 'reset' || (e.type === 'changes' && (e.changes.tags.length > 0 || e.changes.deleted.tags.length > 0))) void load();
    });
    return () => {
      live = false;
      stop();
    };
  }, [call, events, report]);
  return tags;
}

/** One quote: who said it and on which day, its words, its sentiment (buttons), its day, its tags, and taking it off the map. */
function QuoteItem({ placed, tags, where }: { placed: PlacedQuote; tags: readonly TagUsage[]; where: string }) {
  const perform = usePerform();
  const { quote, links, who } = placed;
  const name = `quote “${firstWords(quote.text)}”`;
  const tagName = new Map(tags.map((t) => [t.id, t.name]));
  const addable = tags.filter((t) => !quote.tagIds.includes(t.id));
  return (
    <li className="linked-quote">
      <span className="who">
        {who}
        {quote.saidOn !== null && (
          <>
            , <time dateTime={quote.saidOn}>{dayText(quote.saidOn)}</time>
          </>
        )}
      </span>
      <blockquote>“{quote.text}”</blockquote>
      <div className="sentiments" role="group" aria-label={`Sentiment of ${name}`}>
        {SENTIMENTS.map((v) => (
          <button key={v} type="button" aria-pressed={quote.sentiment === v} aria-label={`Sentiment ${formatScore(v)}`} onClick={() => void perform((m) => setQuoteSentiment(m, quote.id, quote.sentiment === v ? null : v))}>
            {formatScore(v)}
          </button>
        ))}
      </div>
      <SaidOnInput label={`Day ${name} was said`} value={quote.saidOn} onSave={(saidOn) => perform((m) => setQuoteSaidOn(m, quote.id, saidOn))} />
      <div className="sentiments" role="group" aria-label={`Tags of ${name}`}>
        {quote.tagIds.map((id) => (
          <button key={id} type="button" aria-label={`Remove tag ${tagName.get(id) ?? id}`} onClick={() => void perform((m) => tagQuote(m, [quote.id], [], [id]))}>
            {tagName.get(id) ?? '…'} ×
          </button>
        ))}
        {addable.length > 0 && (
          <select aria-label={`Add a tag to ${name}`} value="" onChange={(e) => {
              // Read now: the builder runs later, after the select is back on its placeholder.
              const tagId = e.target.value;
              if (tagId) void perform((m) => tagQuote(m, [quote.id], [tagId]));
            }}
          >
            <option value="">+ tag</option>
            {addable.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </div>
      <button type="button" aria-label={`Take off the map: ${name}, from ${where}`} onClick={() => void perform(() => unlinkQuote(links.map((l) => l.id)))}>
        Take off the map
      </button>
    </li>
  );
}

/** How many of a stage's or card's quotes the inspector lists; the quote board has them all. */
const LISTED = 50;

interface Listed {
  placed: readonly PlacedQuote[];
  total: number;
}

const NOTHING_LISTED: Listed = { placed: [], total: 0 };

/**
 * The quotes on a stage (with its cards') or on one card, newest first, read from the workspace when the
 * inspector shows them and again whenever the map's evidence changes.
 */
function usePlaced(mapId: string, stageId: string, cardId: string | null, wanted = true): Listed {
  const call = useAppStore((s) => s.call);
  const report = useAppStore((s) => s.report);
  const evidence = useMapStore((s) => s.evidence);
  const [listed, setListed] = useState<Listed>(NOTHING_LISTED);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    call('quotes.search', { mapId, stageId, ...(cardId === null ? {} : { cardId }), limit: LISTED }).then(
      (result) => {
        if (!live) return;
        const here = (l: QuoteLink) => l.mapId === mapId && (cardId === null ? l.stageId === stageId : l.cardId === cardId);
        setListed({ total: result.total, placed: result.hits.map((hit) => ({ quote: hit.quote, links: hit.links.filter(here), who: whoSaidHit(hit) })) });
      },
      (e: unknown) => live && report(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [call, report, mapId, stageId, cardId, wanted, evidence]);
  return wanted ? listed : NOTHING_LISTED;
}

/**
 * The quotes behind a stage or a card, in the inspector: each with its sentiment and tags to change, and a
 * button that takes it off. For a card, the stage's other quotes can be put on the card. Every edit is undoable.
 */
export function LinkedQuotes({ stageId, cardId = null }: { stageId: string; cardId?: string | null }) {
  const perform = usePerform();
  const mapId = useMapStore((s) => s.map.id);
  const stageName = useMapStore((s) => s.stages[stageId]?.name ?? '');
  const evidence = useMapStore((s) => stageEvidence(s).get(stageId));
  const cardCount = useMapStore((s) => (cardId === null ? 0 : (cardQuoteCounts(s).get(cardId) ?? 0)));
  const flag = useMapStore((s) => stageFlags(s).get(stageId));
  const tags = useTagNames();
  const { placed, total } = usePlaced(mapId, stageId, cardId);
  const ofStage = usePlaced(mapId, stageId, null, cardId !== null).placed;
  const onCard = new Set(placed.map((p) => p.quote.id));
  const linkable = cardId === null ? [] : ofStage.filter((p) => !onCard.has(p.quote.id));
  const where = cardId === null ? `the stage ${stageName}` : 'this card';
  // The count the map shows (its totals arrive with the map), until the list has been read.
  const count = Math.max(total, cardId === null ? (evidence?.quoteCount ?? 0) : cardCount);
  return (
    <section className="linked-quotes" aria-label={cardId === null ? 'Evidence for this stage' : 'Evidence for this card'}>
      <h4>
        Evidence · <span className="evidence-count">{quoteCountWords(count)}</span>
      </h4>
      {cardId === null && evidence?.mapped != null && <p className="muted">Mean sentiment on the map's scale: {formatScore(Math.round(evidence.mapped * 10) / 10)} (n={evidence.n})</p>}
      {cardId === null && flag?.flag && <p className="evidence-flag">⚠ {flag.words || flagWords(flag.flag, evidence, flag.teamScore)}</p>}
      {placed.length > 0 && (
        <ul className="linked-quotes">
          {placed.map((p) => (
            <QuoteItem key={p.quote.id} placed={p} tags={tags} where={where} />
          ))}
        </ul>
      )}
      {total > placed.length && <p className="muted">The newest {placed.length} of {quoteCountWords(total)}; the quote board lists them all.</p>}
      {linkable.length > 0 && cardId !== null && (
        <label className="field">
          <span>Put a quote of this stage on the card</span>
          <select
            value=""
            onChange={(e) => {
              const quoteId = e.target.value;
              if (quoteId) void perform((m) => linkQuotes(m, [quoteId], stageId, cardId));
            }}
          >
            <option value="">Choose a quote…</option>
            {linkable.map((p) => (
              <option key={p.quote.id} value={p.quote.id}>
                {p.who}: {firstWords(p.quote.text)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" onClick={() => useUiStore.getState().show('quotes', { quotes: { mapId, stageId } })}>
        Find quotes for {stageName || 'this stage'}…
      </button>
    </section>
  );
}
