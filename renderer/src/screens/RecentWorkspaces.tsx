import { useEffect, useState } from 'react';
import type { RecentWorkspace } from '../../../electron/api/host.ts';
import type {} from '../api/events.ts'; // declares window.waymarkHost
import { useAppStore } from '../store/AppStoreContext.tsx';

/**
 * The other workspaces opened lately, under the map list (desktop only: the browser host serves one
 * workspace). Opening one switches the window to it; the host explains when a file cannot be opened.
 */
export function RecentWorkspaces() {
  const host = typeof window === 'undefined' ? undefined : window.waymarkHost;
  const report = useAppStore((s) => s.report);
  const [recent, setRecent] = useState<RecentWorkspace[]>([]);
  useEffect(() => {
    if (!host) return;
    let live = true;
    host.recentWorkspaces().then(
      (list) => live && setRecent(list),
      () => live && setRecent([]),
    );
    return () => {
      live = false;
    };
  }, [host]);
  if (!host || recent.length === 0) return null;
  return (
    <section className="recent-workspaces" aria-label="Other workspaces">
      <h2>Other workspaces</h2>
      <ul>
        {recent.map((r) => (
          <li key={r.key}>
            <button
              type="button"
              title={`${r.folder}/${r.name}`}
              aria-label={`Open the workspace ${r.name} in ${r.folder}`}
              onClick={() =>
                void host.openRecentWorkspace(r.key).then(
                  (opened) => !opened && report(`“${r.name}” was not opened.`),
                  () => report(`“${r.name}” could not be opened.`),
                )
              }
            >
              <span className="recent-name">{r.name.replace(/\.waymark$/, '')}</span>
              <span className="recent-folder muted">{r.folder}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
