/**
 * Field — a label above its control, tied by id (so a select's name is its label alone, not its option too).
 * Props: `label`, `children(id)` (renders the control with that id), `className?`.
 */
import { useId } from 'react';

export function Field({ label, children, className = '' }: { label: string; children: (id: string) => React.ReactNode; className?: string }) {
  const id = useId();
  return (
    <div className={`field ${className}`.trim()}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}
