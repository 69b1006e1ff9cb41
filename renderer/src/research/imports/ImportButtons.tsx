/** The buttons that open the import dialog: on the quote board (quotes) and on the map screen (metrics). */
import { useState } from 'react';
import { useMapStore } from '../../store/MapStoreContext.tsx';
import { ImportDialog } from './ImportDialog.tsx';

export function ImportQuotesButton({ mapId }: { mapId?: string | undefined }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Import quotes…
      </button>
      {open && <ImportDialog kind="quotes" mapId={mapId} onClose={() => setOpen(false)} />}
    </>
  );
}

/** For the map screen's header: imports into the open map. */
export function ImportMetricsButton() {
  const mapId = useMapStore((s) => s.map.id);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Import metrics…
      </button>
      {open && <ImportDialog kind="metrics" mapId={mapId} onClose={() => setOpen(false)} />}
    </>
  );
}
