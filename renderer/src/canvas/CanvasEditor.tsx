import { useState } from 'react';
import { LIMITS } from '../../../electron/api/contract.ts';
import { InlineEditor } from '../components/InlineEditor.tsx';
import { checkValue } from '../inspector/MetricsFields.tsx';
import * as commands from '../store/commands.ts';
import { editedCurve } from '../store/curveChoice.ts';
import { parseMetricValue } from '../store/funnel.ts';
import { emotionAt } from '../store/mapModel.ts';
import { useAppStore } from '../store/AppStoreContext.tsx';
import { useMapStore, useMapStoreApi } from '../store/MapStoreContext.tsx';
import { updateMetric } from '../store/metricCommands.ts';
import { DRAFT_NAME, type Draft } from './drafts.ts';
import { editScreenRect, type EditTarget } from './editTarget.ts';
import { METRICS, type MapLayout, type Viewport } from './layout.ts';
import { LANE_FONT, STAGE_FONT } from './OverviewHeaderLayer.tsx';
import { detailAt, headerScale } from './viewport.ts';

/** A metric's value as typed ("1,200,000.5"): longer is no number a person means. */
const METRIC_VALUE_LENGTH = 32;
const PROBLEM_ID = 'canvas-editor-problem';

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
  metric: 'Metric value',
};

/**
 * Editing text on the canvas: the in-place editor, positioned over the thing being edited (the standard
 * Konva technique). The cell stays selected after a new card, so Enter starts the next one: a facilitator can
 * keep typing. A draft stage or lane is created, with its name, when the name is confirmed.
 */
export function CanvasEditor({ target, draft, layout, viewport, onDone }: CanvasEditorProps) {
  const store = useMapStoreApi();
  // What is wrong with a metric's value as last confirmed (the field stays open until it is put right).
  const [problem, setProblem] = useState<string | null>(null);
  const report = useAppStore((s) => s.report);
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
      case 'metric':
        return String(s.metrics[target.id]?.value ?? '');
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
        case 'metric': {
          const value = parseMetricValue(text);
          const metric = store.getState().metrics[target.id];
          if (value !== null && metric) perform((m) => updateMetric(m, target.id, { value }, `Set ${metric.name}`));
          break;
        }
        case 'emotion-label':
          perform((m) => {
            const curve = editedCurve(m);
            return commands.setEmotion(m, target.laneId, target.stageId, emotionAt(m.emotions, target.laneId, target.stageId, curve)?.score ?? 0, text, curve);
          });
          break;
      }
    onDone();
  };

  const isMetric = target.kind === 'metric';
  return (
    <div data-canvas-overlay>
    <InlineEditor
      label={isDraft ? `Name of the new ${draft.kind}` : LABELS[target.kind]}
      initial={initial}
      multiline={multiline}
      fresh={isDraft}
      maxLength={multiline ? LIMITS.cardText : target.kind === 'emotion-label' ? LIMITS.shortText : isMetric ? METRIC_VALUE_LENGTH : LIMITS.name}
      {...(isMetric ? { check: checkValue, onProblem: setProblem, problemId: PROBLEM_ID, onGiveUp: (why: string) => report(`${why} The metric keeps its value.`) } : {})}
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
    {problem !== null && (
      <p id={PROBLEM_ID} role="alert" className="canvas-editor-problem" style={{ position: 'absolute', left: screen.x, top: screen.y + screen.height + 4 }}>
        {problem}
      </p>
    )}
    </div>
  );
}
