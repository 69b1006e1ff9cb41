import { LIMITS } from '../../../electron/api/contract.ts';
import { CHANNELS, EVIDENCE_STATUSES, LANE_KINDS, type Card, type Channel, type EvidenceStatus, type LaneKind } from '../../../electron/api/types.ts';
import { useCanvasAction } from '../actions/CanvasActions.tsx';
import { CARD_FILL, PALETTE } from '../canvas/palette.ts';
import { CHANNEL_NAMES, EVIDENCE_NAMES, LANE_KIND_NAMES, emotionWord, formatScore } from '../labels.ts';
import { PersonaCurvesPicker } from '../canvas/PersonaCurvesPicker.tsx';
import { useEditedCurve } from '../store/curveChoice.ts';
import { emotionAt } from '../store/mapModel.ts';
import * as commands from '../store/commands.ts';
import { useMapStore, usePerform } from '../store/MapStoreContext.tsx';
import { ColorField, SelectField, TextField } from './fields.tsx';
import { LinkedQuotes } from './LinkedQuotes.tsx';
import { MetricsInspector } from './MetricsInspector.tsx';

const same = <T,>(values: readonly T[]): T | 'mixed' => (values.every((v) => v === values[0]) ? (values[0] as T) : 'mixed');

/** The table's delete action for the selection, as a button ("Delete 3 cards", "Delete stage…"). */
function DeleteButton() {
  const action = useCanvasAction('selection.delete');
  return (
    <button type="button" className="danger" title={action.title} disabled={!action.enabled} onClick={() => action.run()}>
      {action.label}
    </button>
  );
}

function CardsInspector({ ids }: { ids: readonly string[] }) {
  const perform = usePerform();
  const cards = useMapStore((s) => s.cards);
  const lanes = useMapStore((s) => s.lanes);
  const chosen = ids.map((id) => cards.get(id)).filter((c): c is Card => c !== undefined);
  const first = chosen[0];
  if (!first) return null;
  const kinds = new Set(chosen.map((c) => lanes[c.laneId]?.kind));
  const patch = (p: commands.CardPatch, label: string) => void perform((m) => commands.updateCards(m, ids, p, label));
  const evidence = same(chosen.map((c) => c.evidence));
  const channel = same(chosen.map((c) => c.channel ?? 'none'));
  return (
    <>
      <h3>{chosen.length === 1 ? 'Card' : `${chosen.length} cards`}</h3>
      {chosen.length === 1 && <TextField label="Text" value={first.text} maxLength={LIMITS.cardText} multiline onCommit={(text) => patch({ text }, 'Edit card')} />}
      <ColorField label="Colour" value={same(chosen.map((c) => c.color))} laneFill={CARD_FILL[lanes[first.laneId]?.kind ?? 'text']} onChange={(color) => patch({ color }, 'Recolour')} />
      {kinds.has('touchpoints') && (
        <SelectField<Channel | 'none'>
          label="Channel"
          value={channel === 'mixed' ? '' : channel}
          options={[{ value: 'none', label: 'None' }, ...CHANNELS.map((c) => ({ value: c, label: CHANNEL_NAMES[c] }))]}
          onChange={(v) => patch({ channel: v === 'none' ? null : v }, 'Set channel')}
        />
      )}
      <SelectField<EvidenceStatus>
        label="Evidence"
        value={evidence === 'mixed' ? '' : evidence}
        options={EVIDENCE_STATUSES.map((e) => ({ value: e, label: EVIDENCE_NAMES[e] }))}
        onChange={(v) => patch({ evidence: v }, 'Set evidence')}
      />
      {chosen.length === 1 && kinds.has('opportunities') && (
        <div className="field votes">
          <span>Votes: {first.votes}</span>
          <button type="button" aria-label="Remove a vote" disabled={first.votes === 0} onClick={() => patch({ votes: first.votes - 1 }, 'Remove vote')}>
            −
          </button>
          <button type="button" aria-label="Add a vote" onClick={() => patch({ votes: first.votes + 1 }, 'Vote')}>
            +
          </button>
        </div>
      )}
      {chosen.length === 1 && <LinkedQuotes stageId={first.stageId} cardId={first.id} />}
      <div className="inspector-actions">
        <DeleteButton />
      </div>
    </>
  );
}

function StageInspector({ id }: { id: string }) {
  const perform = usePerform();
  const stage = useMapStore((s) => s.stages[id]);
  if (!stage) return null;
  const patch = (p: commands.StagePatch, label: string) => void perform((m) => commands.updateStage(m, id, p, label));
  return (
    <>
      <h3>Stage</h3>
      <TextField label="Name" value={stage.name} maxLength={LIMITS.name} onCommit={(name) => patch({ name }, 'Rename stage')} />
      <TextField label="Owner" value={stage.owner} maxLength={LIMITS.name} onCommit={(owner) => patch({ owner }, 'Set owner')} />
      <TextField label="Goal or KPI" value={stage.goal} maxLength={LIMITS.shortText} onCommit={(goal) => patch({ goal }, 'Set goal')} />
      <TextField label="Description" value={stage.description} maxLength={LIMITS.description} multiline onCommit={(description) => patch({ description }, 'Describe stage')} />
      <ColorField label="Stage colour" value={stage.color} laneFill={PALETTE.header} onChange={(color) => patch({ color }, 'Recolour stage')} />
      <LinkedQuotes stageId={id} />
      <div className="inspector-actions">
        {stage.width !== null && (
          <button type="button" onClick={() => patch({ width: null }, 'Reset stage width')}>
            Reset width
          </button>
        )}
        <DeleteButton />
      </div>
    </>
  );
}

function LaneInspector({ id }: { id: string }) {
  const perform = usePerform();
  const lane = useMapStore((s) => s.lanes[id]);
  if (!lane) return null;
  const patch = (p: commands.LanePatch, label: string) => void perform((m) => commands.updateLane(m, id, p, label));
  return (
    <>
      <h3>Lane</h3>
      <TextField label="Title" value={lane.title} maxLength={LIMITS.name} onCommit={(title) => patch({ title }, 'Rename lane')} />
      <SelectField<LaneKind> label="Kind" value={lane.kind} options={LANE_KINDS.map((k) => ({ value: k, label: LANE_KIND_NAMES[k] }))} onChange={(kind) => patch({ kind }, 'Change lane kind')} />
      <label className="field checkbox">
        <input type="checkbox" checked={lane.collapsed} onChange={(e) => patch({ collapsed: e.target.checked }, e.target.checked ? 'Collapse lane' : 'Expand lane')} />
        <span>Collapsed</span>
      </label>
      <div className="inspector-actions">
        {lane.height !== null && (
          <button type="button" onClick={() => patch({ height: null }, 'Reset lane height')}>
            Reset height
          </button>
        )}
        <DeleteButton />
      </div>
    </>
  );
}

function EmotionInspector({ laneId, stageId }: { laneId: string; stageId: string }) {
  const perform = usePerform();
  const curve = useEditedCurve();
  const point = useMapStore((s) => emotionAt(s.emotions, laneId, stageId, curve));
  const stageName = useMapStore((s) => s.stages[stageId]?.name ?? '');
  const min = useMapStore((s) => s.map.emotionMin);
  const max = useMapStore((s) => s.map.emotionMax);
  const scores: { value: string; label: string }[] = [];
  for (let v = max; v >= min; v--) scores.push({ value: String(v), label: `${formatScore(v)} ${emotionWord(v, min, max)}` });
  return (
    <>
      <h3>Emotion at {stageName}</h3>
      <PersonaCurvesPicker label="Curve" name="Curve these scores are for" />
      <SelectField
        label="Score"
        value={point ? String(point.score) : 'none'}
        options={[{ value: 'none', label: 'Not set' }, ...scores]}
        onChange={(v) => void perform((m) => commands.setEmotion(m, laneId, stageId, v === 'none' ? null : Number(v), undefined, curve))}
      />
      {point && (
        <TextField label="Label" value={point.label} maxLength={LIMITS.shortText} onCommit={(label) => void perform((m) => commands.setEmotion(m, laneId, stageId, point.score, label, curve))} />
      )}
    </>
  );
}

/** Properties of whatever is selected on the canvas. */
export function Inspector() {
  const selection = useMapStore((s) => s.selection);
  const cellKind = useMapStore((s) => (selection.kind === 'cell' ? s.lanes[selection.cell.laneId]?.kind : undefined));
  let body: React.ReactNode;
  switch (selection.kind) {
    case 'cards':
      body = <CardsInspector ids={selection.ids} />;
      break;
    case 'stage':
      body = <StageInspector key={selection.id} id={selection.id} />;
      break;
    case 'lane':
      body = <LaneInspector key={selection.id} id={selection.id} />;
      break;
    case 'emotion':
      body = <EmotionInspector key={`${selection.cell.laneId}|${selection.cell.stageId}`} {...selection.cell} />;
      break;
    case 'cell':
      if (cellKind === 'metrics') {
        body = <MetricsInspector key={selection.cell.stageId} stageId={selection.cell.stageId} />;
        break;
      }
      body = <p className="muted">Double-click the cell or press Enter to add a card.</p>;
      break;
    default:
      body = <p className="muted">Select a card, a stage, a lane or an emotion point to see its properties here.</p>;
  }
  return (
    <aside className="inspector" aria-label="Inspector">
      {body}
    </aside>
  );
}
