import { memo, useState } from 'react';
import { LIMITS } from '../../../electron/api/contract.ts';
import type { Card, Lane, Stage } from '../../../electron/api/types.ts';
import { InlineEditor } from '../components/InlineEditor.tsx';
import { CHANNEL_NAMES, EVIDENCE_NAMES, snippet } from '../labels.ts';
import { cellCards } from '../store/mapModel.ts';
import { addCard, deleteCards, updateCards } from '../store/commands.ts';
import { useMapStore, usePerform } from '../store/MapStoreContext.tsx';


const CardItem = memo(function CardItem({ card, lane }: { card: Card; lane: Lane }) {
  const perform = usePerform();
  const [editing, setEditing] = useState(false);
  const name = snippet(card.text);

  return (
    <li className={`card card-${lane.kind}`} style={card.color ? { background: card.color } : undefined}>
      {editing ? (
        <InlineEditor
          label={`Text of card ${name}`}
          initial={card.text}
          multiline
          maxLength={LIMITS.cardText}
          onCommit={(text) => {
            setEditing(false);
            void perform((m) => updateCards(m, [card.id], { text }));
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <span className="card-text" onDoubleClick={() => setEditing(true)}>
          {card.text}
        </span>
      )}
      <span className="card-meta">
        {card.channel && <span className="badge">{CHANNEL_NAMES[card.channel]}</span>}
        {lane.kind === 'opportunities' && (
          <span className="badge" aria-label={`${card.votes} votes`}>
            ▲ {card.votes}
          </span>
        )}
        {card.evidence !== 'assumed' && <span className={`badge evidence-${card.evidence}`}>{EVIDENCE_NAMES[card.evidence]}</span>}
      </span>
      <span className="card-actions">
        <button type="button" aria-label={`Edit card ${name}`} title="Edit" onClick={() => setEditing(true)}>
          ✎
        </button>
        <button type="button" aria-label={`Delete card ${name}`} title="Delete" onClick={() => void perform((m) => deleteCards(m, [card.id]))}>
          ✕
        </button>
      </span>
    </li>
  );
});

/** A cell of a card lane: its cards in order, and a way to add one. */
export const CardCell = memo(function CardCell({ lane, stage }: { lane: Lane; stage: Stage }) {
  const cards = useMapStore((s) => cellCards(s, lane.id, stage.id));
  const perform = usePerform();
  const [adding, setAdding] = useState(false);

  return (
    <div className="cell">
      {cards.length > 0 && (
        <ul className="cards" aria-label={`${lane.title} in ${stage.name}`}>
          {cards.map((card) => (
            <CardItem key={card.id} card={card} lane={lane} />
          ))}
        </ul>
      )}
      {adding ? (
        <InlineEditor
          label={`New card in ${lane.title}, ${stage.name}`}
          initial=""
          multiline
          maxLength={LIMITS.cardText}
          onCommit={(text) => {
            setAdding(false);
            if (text.trim() !== '') void perform((m) => addCard(m, lane.id, stage.id, text));
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button type="button" className="add-card" aria-label={`Add card to ${lane.title} in ${stage.name}`} onClick={() => setAdding(true)}>
          + Add card
        </button>
      )}
    </div>
  );
});
