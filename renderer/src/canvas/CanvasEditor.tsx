import { LIMITS } from '../../../electron/api/contract.ts';
import { InlineEditor } from '../components/InlineEditor.tsx';
import * as commands from '../store/commands.ts';
import { editedCurve } from '../store/curveChoice.ts';
import { emotionAt } from '../store/mapModel.ts';
import { useMapStore, useMapStoreApi } from '../store/MapStoreContext.tsx';
import { DRAFT_NAME, type Draft } from './drafts.ts';
import { editScreenRect, type EditTarget } from './editTarget.ts';
import { METRICS, type MapLayout, type Viewport } from './layout.ts';
import { LANE_FONT, STAGE_FONT } from './OverviewHeaderLayer.tsx';
import { detailAt, headerScale } from './viewport.ts';

interface CanvasEditorProps {
  target: EditTarget;
  /** The stage or lane being named before it exists, if the target is it. */
  draft: Draft | null;
  layout: MapLayout;
  viewport: Viewport;
  onDone: () => void;
}

const LABELS: Record<EditTarget['kind'], string> = {
  card: 'Card text',
  'new-card': 'New card text',
  stage: 'Stage name',
  lane: 'Lane title',
  'emotion-label': 'Emotion label',
};

/**
 * Editing text on the canvas: the in-place editor, positioned over the thing being edited (the standard
 * Konva technique). The cell stays selected after a new card, so Enter starts the next one: a facilitator can
 * keep typing. A draft stage or lane is created, with its name, when the name is confirmed.
 */
export function CanvasEditor({ target, draft, layout, viewport, onDone }: CanvasEditorProps) {
  const store = useMapStoreApi();
  const isDraft = draft !== null && (target.kind === 'stage' || target.kind === 'lane') && target.id === draft.id;
  const initial = useMapStore((s) => {
    if (isDraft) return DRAFT_NAME[draft.kind];
    switch (target.kind) {
      case 'card':
        return s.cards.get(target.id)?.text ?? '';
      case 'stage':
        return s.stages[target.id]?.name ?? '';
      case 'lane':
        return s.lanes[target.id]?.title ?? '';
      case 'emotion-label':
        return emotionAt(s.emotions, target.laneId, target.stageId, editedCurve(s))?.label ?? '';
      default:
        return '';
    }
  });

  const screen = editScreenRect(layout, target, viewport);
  if (!screen) return null;
  // A header's name is edited at the headers' scale (fixed when zoomed out), the rest at the map's.
  const inHeader = target.kind === 'stage' || target.kind === 'lane';
  const scale = inHeader ? headerScale(viewport.scale) : viewport.scale;
  const overviewHeader = inHeader && detailAt(viewport.scale) === 'overview';
  const multiline = target.kind === 'card' || target.kind === 'new-card';

  const commit = (text: string) => {
    const perform = (build: commands.CommandBuilder) => void store.getState().perform(build);
    if (isDraft) {
      // The draft stays drawn (and its field open) until the workspace has answered, so the column never
      // vanishes for a round trip.
      const name = text.trim() === '' ? DRAFT_NAME[draft.kind] : text;
      const build: commands.CommandBuilder = draft.kind === 'stage' ? (m) => commands.addStage(m, name, draft.index, draft.id) : (m) => commands.addLane(m, 'text', name, draft.index, draft.id);
      void store.getState().perform(build).finally(onDone);
      return;
    } else
      switch (target.kind) {
        case 'card':
          perform((m) => commands.updateCards(m, [target.id], { text }));
          break;
        case 'new-card':
          if (text.trim() !== '') perform((m) => commands.addCard(m, target.laneId, target.stageId, text));
          break;
        case 'stage':
          perform((m) => commands.updateStage(m, target.id, { name: text }, 'Rename stage'));
          break;
        case 'lane':
          perform((m) => commands.updateLane(m, target.id, { title: text }, 'Rename lane'));
          break;
        case 'emotion-label':
          perform((m) => {
            const curve = editedCurve(m);
            return commands.setEmotion(m, target.laneId, target.stageId, emotionAt(m.emotions, target.laneId, target.stageId, curve)?.score ?? 0, text, curve);
          });
          break;
      }
    onDone();
  };

  return (
    <div data-canvas-overlay>
    <InlineEditor
      label={isDraft ? `Name of the new ${draft.kind}` : LABELS[target.kind]}
      initial={initial}
      multiline={multiline}
      fresh={isDraft}
      maxLength={multiline ? LIMITS.cardText : target.kind === 'emotion-label' ? LIMITS.shortText : LIMITS.name}
      className="canvas-editor"
      style={{
        position: 'absolute',
        left: screen.x,
        top: screen.y,
        width: screen.width,
        minHeight: screen.height,
        // Zoomed out, a header's name is drawn at a fixed size (OverviewHeaderLayer): its field shows it so.
        fontSize: overviewHeader ? (target.kind === 'stage' ? STAGE_FONT : LANE_FONT) : (target.kind === 'stage' ? 15 : target.kind === 'lane' ? 14 : METRICS.fontSize) * scale,
        lineHeight: `${METRICS.lineHeight * scale}px`,
        padding: `${METRICS.cardPaddingY * scale}px ${METRICS.cardPaddingX * scale}px`,
      }}
      onCommit={commit}
      onCancel={onDone}
    />
    </div>
  );
}
