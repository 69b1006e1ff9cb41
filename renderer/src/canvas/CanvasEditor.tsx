import { useEffect, useRef, useState } from 'react';
import { LIMITS } from '../../../electron/api/contract.ts';
import * as commands from '../store/commands.ts';
import { useMapStore, useMapStoreApi } from '../store/MapStoreContext.tsx';
import { editRect, type EditTarget } from './editTarget.ts';
import { METRICS, type MapLayout, type Viewport } from './layout.ts';
import { toScreen } from './viewport.ts';

interface CanvasEditorProps {
  target: EditTarget;
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
 * Editing text on the canvas: a DOM field positioned over the thing being edited (the standard Konva
 * technique). Enter commits (Shift+Enter adds a line on cards), Escape cancels, clicking elsewhere commits.
 * The cell stays selected after a new card, so Enter starts the next one: a facilitator can keep typing.
 */
export function CanvasEditor({ target, layout, viewport, onDone }: CanvasEditorProps) {
  const store = useMapStoreApi();
  const initial = useMapStore((s) => {
    switch (target.kind) {
      case 'card':
        return s.cards[target.id]?.text ?? '';
      case 'stage':
        return s.stages[target.id]?.name ?? '';
      case 'lane':
        return s.lanes[target.id]?.title ?? '';
      case 'emotion-label':
        return Object.values(s.emotions).find((e) => e.laneId === target.laneId && e.stageId === target.stageId && e.personaId === null)?.label ?? '';
      default:
        return '';
    }
  });
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const field = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  const rect = editRect(layout, target);
  if (!rect) return null;
  const screen = toScreen(viewport, rect);
  const multiline = target.kind === 'card' || target.kind === 'new-card';

  const commit = () => {
    if (done.current) return;
    done.current = true;
    const state = store.getState();
    const text = value;
    const perform = (build: commands.CommandBuilder) => void state.perform(build);
    switch (target.kind) {
      case 'card':
        if (text !== initial) perform((m) => commands.updateCards(m, [target.id], { text }));
        break;
      case 'new-card':
        if (text.trim() !== '') perform((m) => commands.addCard(m, target.laneId, target.stageId, text));
        break;
      case 'stage':
        if (text !== initial) perform((m) => commands.updateStage(m, target.id, { name: text }, 'Rename stage'));
        break;
      case 'lane':
        if (text !== initial) perform((m) => commands.updateLane(m, target.id, { title: text }, 'Rename lane'));
        break;
      case 'emotion-label': {
        const point = Object.values(state.emotions).find((e) => e.laneId === target.laneId && e.stageId === target.stageId && e.personaId === null);
        if (text !== initial) perform((m) => commands.setEmotion(m, target.laneId, target.stageId, point?.score ?? 0, text));
        break;
      }
    }
    onDone();
  };
  const cancel = () => {
    if (done.current) return;
    done.current = true;
    onDone();
  };

  const style: React.CSSProperties = {
    position: 'absolute',
    left: screen.x,
    top: screen.y,
    width: screen.width,
    minHeight: screen.height,
    fontSize: (target.kind === 'stage' ? 15 : target.kind === 'lane' ? 14 : METRICS.fontSize) * viewport.scale,
    lineHeight: `${METRICS.lineHeight * viewport.scale}px`,
    padding: `${METRICS.cardPaddingY * viewport.scale}px ${METRICS.cardPaddingX * viewport.scale}px`,
  };
  const props = {
    ref: field,
    className: 'canvas-editor',
    'aria-label': LABELS[target.kind],
    value,
    maxLength: multiline ? LIMITS.cardText : target.kind === 'emotion-label' ? LIMITS.shortText : LIMITS.name,
    style,
    onChange: (e: { target: { value: string } }) => setValue(e.target.value),
    onBlur: commit,
    onKeyDown: (e: React.KeyboardEvent) => {
      e.stopPropagation();
      if (e.key === 'Escape') {
        e.preventDefault();
        cancel();
      } else if (e.key === 'Enter' && !(multiline && e.shiftKey)) {
        e.preventDefault();
        commit();
      }
    },
  };
  return multiline ? <textarea {...props} rows={3} /> : <input type="text" {...props} />;
}
