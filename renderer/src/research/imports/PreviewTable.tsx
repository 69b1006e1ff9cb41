/** The rows as they would be imported, each with its problems beside it; then problems of rows not shown. */
import { FIELD_LABELS, type PreviewView } from './kinds.ts';

export function PreviewTable({ fields, preview }: { fields: readonly string[]; preview: PreviewView }) {
  const shown = fields.filter((f) => preview.mapping[f] !== null);
  const byRow = new Map<number, PreviewView['problems']>();
  for (const p of preview.problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  const listed = new Set(preview.rows.map((r) => r.row));
  const others = preview.problems.filter((p) => !listed.has(p.row));
  return (
    <div className="import-preview">
      <table aria-label="Rows as they would be imported">
        <thead>
          <tr>
            <th scope="col">Row</th>
            {shown.map((f) => (
              <th scope="col" key={f}>
                {FIELD_LABELS[f] ?? f}
              </th>
            ))}
            <th scope="col">Problems</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r) => {
            const problems = byRow.get(r.row) ?? [];
            const bad = new Set(problems.map((p) => p.field));
            return (
              <tr key={r.row} className={problems.length > 0 ? 'import-row-bad' : undefined}>
                <th scope="row">{r.row}</th>
                {shown.map((f) => (
                  <td key={f} className={bad.has(f) ? 'import-cell-bad' : undefined}>
                    {r.values[f]}
                  </td>
                ))}
                <td>{problems.length === 0 ? <span className="import-ok">OK</span> : problems.map((p, i) => <p key={i}>{p.message}</p>)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {others.length > 0 && (
        <ul className="import-more-problems" aria-label="Problems in rows not shown above">
          {others.map((p, i) => (
            <li key={i}>
              Row {p.row}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
