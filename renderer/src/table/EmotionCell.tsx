import { memo } from 'react';
import type { Lane, Stage } from '../../../electron/api/types.ts';
import { emotionWord } from '../labels.ts';
import { cellKey, emotionByCell } from '../store/mapModel.ts';
import { setEmotion } from '../store/commands.ts';
import { useMapStore, usePerform } from '../store/MapStoreContext.tsx';

/** The emotion score of one stage, chosen from the map's scale. */
export const EmotionCell = memo(function EmotionCell({ lane, stage }: { lane: Lane; stage: Stage }) {
  const point = useMapStore((s) => emotionByCell(s.emotions).get(cellKey(lane.id, stage.id)));
  const min = useMapStore((s) => s.map.emotionMin);
  const max = useMapStore((s) => s.map.emotionMax);
  const perform = usePerform();
  const scores: number[] = [];
  for (let v = max; v >= min; v--) scores.push(v);

  return (
    <div className="cell emotion-cell">
      <select
        aria-label={`Emotion score for ${stage.name}`}
        value={point ? String(point.score) : ''}
        onChange={(e) => {
          const score = e.target.value === '' ? null : Number(e.target.value);
          void perform((m) => setEmotion(m, lane.id, stage.id, score));
        }}
      >
        <option value="">Not set</option>
        {scores.map((v) => (
          <option key={v} value={v}>
            {v > 0 ? `+${v}` : v} {emotionWord(v, min, max)}
          </option>
        ))}
      </select>
      {point?.label && <span className="emotion-label">{point.label}</span>}
    </div>
  );
});
