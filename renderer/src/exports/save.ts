/**
 * Saving an exported file from whichever host is present: on the desktop, a native save dialog in the main
 * process (the file is written beside its target, then renamed); in a browser, a download (the browser asks
 * where, or saves to its downloads folder). The page never sees a path either way.
 */
import type {} from '../api/events.ts'; // declares window.waymarkHost

export interface FileToSave {
  /** The name to offer, e.g. "Onboarding.xlsx" (never a path). */
  name: string;
  type: string;
  data: Blob;
}

/** Resolves to true when the file was saved (or handed to the browser's download), false when the person cancelled. */
export async function saveFile(file: FileToSave): Promise<boolean> {
  const host = typeof window === 'undefined' ? undefined : window.waymarkHost;
  if (host) {
    const result = await host.saveFile({ name: file.name, type: file.type, data: new Uint8Array(await file.data.arrayBuffer()) });
    return result.saved;
  }
  const url = URL.createObjectURL(file.data);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file.name;
    link.rel = 'noopener';
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The download has taken the bytes once the click has run; a minute later the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return true;
}

/** Bytes from base64 (as the contract sends files), as a Blob of this type. */
export function blobFromBase64(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}
