import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { LIMITS } from '../../../electron/api/contract.ts';
import { LANE_KINDS, type Lane, type LaneKind, type Stage } from '../../../electron/api/types.ts';
import { InlineEditor } from '../components/InlineEditor.tsx';
import { LANE_KIND_NAMES } from '../labels.ts';
import { ordered } from '../store/mapModel.ts';
import { addLane, addStage } from '../store/commands.ts';
import { useMapStore, usePerform } from '../store/MapStoreContext.tsx';
import { CardCell } from './CardCell.tsx';
import { EmotionCell } from './EmotionCell.tsx';
import { EvidenceCell } from './EvidenceCell.tsx';
import { LaneHeader, StageHeader } from './HeaderCell.tsx';
import { OwnerCell } from './OwnerCell.tsx';
import { MetricsCell } from './MetricsCell.tsx';

function Cell({ lane, stage }: { lane: Lane; stage: Stage }) {
  switch (lane.kind) {
    case 'emotion':
      return <EmotionCell lane={lane} stage={stage} />;
    case 'owners':
      return <OwnerCell stage={stage} />;
    case 'metrics':
      return <MetricsCell stage={stage} />;
    case 'evidence':
      return <EvidenceCell stage={stage} />;
    default:
      return <CardCell lane={lane} stage={stage} />;
  }
}

function AddStage() {
  const perform = usePerform();
  const [adding, setAdding] = useState(false);
  if (adding) {
    return (
      <InlineEditor
        label="Name of the new stage"
        initial=""
        maxLength={LIMITS.name}
        onCommit={(name) => {
          setAdding(false);
          if (name.trim() !== '') void perform((m) => addStage(m, name));
        }}
        onCancel={() => setAdding(false)}
      />
    );
  }
  return (
    <button type="button" className="add" onClick={() => setAdding(true)}>
      + Add stage
    </button>
  );
}

function AddLane() {
  const perform = usePerform();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<LaneKind>('text');
  const submit = async (e: { preventDefault: () => void }) => {
    e.preventDefault();
    if (await perform((m) => addLane(m, kind, title))) setTitle('');
  };
  return (
    <form className="add-lane" aria-label="Add lane" onSubmit={(e) => void submit(e)}>
      <label>
        Lane title
        <input value={title} maxLength={LIMITS.name} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Thoughts" />
      </label>
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as LaneKind)}>
          {LANE_KINDS.map((k) => (
            <option key={k} value={k}>
              {LANE_KIND_NAMES[k]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Add lane</button>
    </form>
  );
}

/**
 * Keeps the sticky header row's height and lane column's width in CSS variables on the scroll box, so that
 * a control reached with Tab scrolls into view beside them (scroll-padding), never underneath.
 */
function useStickyInsets(box: RefObject<HTMLDivElement | null>) {
  useLayoutEffect(() => {
    const el = box.current;
    const corner = el?.querySelector('th.corner');
    if (!el || !corner) return;
    const measure = () => {
      const r = corner.getBoundingClientRect();
      el.style.setProperty('--sticky-left', `${r.width}px`);
      el.style.setProperty('--sticky-top', `${r.height}px`);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(corner);
    return () => observer.disconnect();
  }, [box]);
}

/**
 * The map as a table: stages are columns, lanes are rows, cards sit in cells. It is the accessible view of
 * the map (real headers a screen reader can navigate) and a complete editor in its own right.
 */
export function MapTable() {
  const map = useMapStore((s) => s.map);
  const stages = useMapStore((s) => ordered(s.stages));
  const lanes = useMapStore((s) => ordered(s.lanes));
  const box = useRef<HTMLDivElement>(null);
  useStickyInsets(box);

  return (
    <div className="table-view">
      {/* The table scrolls inside this box, both ways, so the map's title and toolbar stay in view; the box takes
          focus so the keyboard can scroll it too. */}
      <div className="table-scroll" role="region" aria-label="Map table" tabIndex={0} ref={box}>
        <table className="map-table">
          <caption className="visually-hidden">
            {map.title}: stages as columns, lanes as rows
          </caption>
          <thead>
            <tr>
              <th scope="col" className="corner">
                Lane
              </th>
              {stages.map((stage, i) => (
                <th key={stage.id} scope="col">
                  <StageHeader stage={stage} index={i} count={stages.length} />
                </th>
              ))}
              <td className="add-column">
                <AddStage />
              </td>
            </tr>
          </thead>
          <tbody>
            {lanes.map((lane, i) => (
              <tr key={lane.id} className={`lane lane-${lane.kind}`}>
                <th scope="row">
                  <LaneHeader lane={lane} index={i} count={lanes.length} />
                </th>
                {stages.map((stage) => (
                  <td key={stage.id}>
                    <Cell lane={lane} stage={stage} />
                  </td>
                ))}
                <td className="add-column" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AddLane />
    </div>
  );
}
