import { useEffect, useRef } from 'react';

/** Open a <dialog> as a modal when it mounts, and close it when it unmounts. */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}
