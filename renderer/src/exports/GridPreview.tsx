/**
 * A spreadsheet's grid as it would become a map: stages across, lanes down with a kind to choose for each,
 * the first cards (or the score, metric or owner) of every cell, the cells with a problem marked; then every
 * problem and warning with its cell.
 */
import type { MapImportPreview, MapImportProblem } from '../../../electron/api/mapImports.ts';
import { LANE_KINDS, type LaneKind } from '../../../electron/api/types.ts';
import { LANE_KIND_NAMES } from '../labels.ts';

/** A problem's place in the grid (lane and stage index), when its cell is one of the grid's. */
function placeOf(preview: MapImportPreview, cell: string | null): { lane: number; stage: number | null } | null {
  const m = cell === null ? null : /^([A-Z]+)(\d+)$/.exec(cell.split(':')[0] ?? '');
  if (m === null) return null;
  const row = Number(m[2]);
  const lane = preview.lanes.findIndex((l) => l.rows.includes(row));
  if (lane < 0) return null;
  const stage = preview.stages.findIndex((s) => s.column === m[1]);
  return { lane, stage: stage < 0 ? null : stage };
}

export function ProblemList({ label, items, className }: { label: string; items: readonly MapImportProblem[]; className: string }) {
  if (items.length === 0) return null;
  return (
    <ul aria-label={label} className={className}>
      {items.map((p, i) => (
        <li key={i}>
          {p.cell !== null && <code>{p.cell}</code>} {p.message}
        </li>
      ))}
    </ul>
  );
}

export function GridPreview({ preview, onKind }: { preview: MapImportPreview; onKind: (row: number, kind: LaneKind) => void }) {
  const bad = new Set<string>();
  const badLanes = new Set<number>();
  for (const p of preview.problems) {
    const at = placeOf(preview, p.cell);
    if (at === null) continue;
    if (at.stage === null) badLanes.add(at.lane);
    else bad.add(`${at.lane}:${at.stage}`);
  }
  const cells = new Map(preview.cells.map((c) => [`${c.lane}:${c.stage}`, c]));
  const scale = preview.emotionScale;
  return (
    <div className="import-preview map-import-grid">
      <table aria-label="The grid as it would be imported">
        <thead>
          <tr>
            <th scope="col">Lane</th>
            <th scope="col">Kind</th>
            {preview.stages.map((s, i) => (
              <th scope="col" key={i}>
                {s.name} <span className="muted">({s.column})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.lanes.map((lane, l) => (
            <tr key={lane.row} className={badLanes.has(l) || preview.stages.some((_, s) => bad.has(`${l}:${s}`)) ? 'import-row-bad' : undefined}>
              <th scope="row">
                {lane.title} <span className="muted">(row {lane.row})</span>
              </th>
              <td>
                <select aria-label={`Kind of the lane ${lane.title}`} value={lane.kind} onChange={(e) => onKind(lane.row, e.target.value as LaneKind)}>
                  {LANE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {LANE_KIND_NAMES[k]}
                      {k === lane.suggested ? ' (suggested)' : ''}
                    </option>
                  ))}
                </select>
              </td>
              {preview.stages.map((_, s) => {
                const cell = cells.get(`${l}:${s}`);
                return (
                  <td key={s} className={bad.has(`${l}:${s}`) ? 'import-cell-bad' : undefined}>
                    {cell?.items.map((item, i) => <div key={i}>{item}</div>)}
                    {cell !== undefined && cell.more > 0 && <div className="muted">+ {cell.more} more</div>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {preview.lanes.some((l) => l.kind === 'emotion') && (
        <p className="muted map-import-scale">
          Emotion scale of the new map: −{-scale.min} to +{scale.max}.
        </p>
      )}
    </div>
  );
}
