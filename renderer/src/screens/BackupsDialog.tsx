import { useCallback, useEffect, useState } from 'react';
import type { BackupInfo } from '../../../electron/api/types.ts';
import { messageOf } from '../api/errors.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { useModal } from '../components/useModal.ts';
import { saveFile } from '../exports/save.ts';
import { useAppStore } from '../store/AppStoreContext.tsx';
import { dateTimeText, reasonText, relativeText, sizeText } from './backupWords.ts';

/** What the dialog says after the last thing the person did: done, or why not. */
type Outcome = { kind: 'done' | 'error'; text: string } | null;

interface Listing {
  backups: BackupInfo[] | null;
  /** Why the last automatic backup failed, or null. */
  problem: string | null;
  loadError: string | null;
}

/** The backups list and the workspace's last backup problem, read again on demand and when the workspace says so. */
function useBackups() {
  const call = useAppStore((s) => s.call);
  const events = useAppStore((s) => s.events);
  const [listing, setListing] = useState<Listing>({ backups: null, problem: null, loadError: null });

  const read = useCallback(
    (): Promise<(previous: Listing) => Listing> =>
      Promise.all([call('workspace.backups', {}), call('workspace.info', {})]).then(
        ([backups, info]) => () => ({ backups, problem: info.backupProblem, loadError: null }),
        (error: unknown) => (previous) => ({ ...previous, loadError: messageOf(error) }),
      ),
    [call],
  );

  useEffect(() => {
    let live = true;
    const refresh = () => read().then((next) => live && setListing(next));
    void refresh();
    // A backup that failed, or a restore from another window, changes what the list should say.
    const stop = events((event) => {
      if (event.type === 'backup-problem' || event.type === 'reset') void refresh();
    });
    return () => {
      live = false;
      stop();
    };
  }, [read, events]);

  const refresh = useCallback(async () => setListing(await read()), [read]);
  return { ...listing, refresh };
}

/** The time now, moved on every half minute, so "3 minutes ago" stays true while the dialog is open. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function describe(backup: BackupInfo): string {
  return `${dateTimeText(backup.createdAt)} (${reasonText(backup.reason)})`;
}

function BackupRow({ backup, now, busy, onRestore }: { backup: BackupInfo; now: Date; busy: boolean; onRestore: (b: BackupInfo) => void }) {
  return (
    <tr>
      <td>
        <time dateTime={backup.createdAt}>{dateTimeText(backup.createdAt)}</time>
        <span className="backup-ago">{relativeText(backup.createdAt, now)}</span>
      </td>
      <td>{reasonText(backup.reason)}</td>
      <td className="backup-size">{sizeText(backup.sizeBytes)}</td>
      <td className="backup-restore">
        <button type="button" disabled={busy} aria-label={`Restore the backup of ${describe(backup)}`} onClick={() => onRestore(backup)}>
          Restore…
        </button>
      </td>
    </tr>
  );
}

function Dialog({ onClose }: { onClose: () => void }) {
  const ref = useModal();
  const call = useAppStore((s) => s.call);
  const copyWorkspace = useAppStore((s) => s.copyWorkspace);
  const { backups, problem, loadError, refresh } = useBackups();
  const now = useNow();
  const [busy, setBusy] = useState<'backup' | 'restore' | 'copy' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [asking, setAsking] = useState<BackupInfo | null>(null);

  const backUpNow = async () => {
    setBusy('backup');
    setOutcome(null);
    try {
      const taken = await call('workspace.backup', {});
      setOutcome({ kind: 'done', text: `Backed up: ${dateTimeText(taken.createdAt)}.` });
    } catch (error) {
      setOutcome({ kind: 'error', text: messageOf(error) });
    } finally {
      await refresh();
      setBusy(null);
    }
  };

  /** A copy of the whole workspace file, saved like an export (the browser's download). */
  const downloadCopy = async (copy: NonNullable<typeof copyWorkspace>) => {
    setBusy('copy');
    setOutcome(null);
    try {
      const file = await copy();
      if (await saveFile({ name: file.name, type: 'application/vnd.sqlite3', data: file.data })) {
        setOutcome({ kind: 'done', text: `Saved a copy of the workspace as ${file.name}. Open it with Waymark to work on the copy.` });
      }
    } catch (error) {
      setOutcome({ kind: 'error', text: `No copy: ${messageOf(error)}` });
    } finally {
      setBusy(null);
    }
  };

  const restore = async (backup: BackupInfo) => {
    setAsking(null);
    setBusy('restore');
    setOutcome(null);
    try {
      // The workspace announces a reset: the map list and the open map reload from it.
      await call('workspace.restore', { id: backup.id });
      setOutcome({
        kind: 'done',
        text: `Restored the backup of ${describe(backup)}. The state before it is kept as the backup “before restore”.`,
      });
    } catch (error) {
      setOutcome({ kind: 'error', text: `Not restored: ${messageOf(error)}` });
    } finally {
      await refresh();
      setBusy(null);
    }
  };

  return (
    <dialog
      ref={ref}
      className="backups"
      aria-labelledby="backups-title"
      aria-describedby="backups-about"
      aria-busy={busy !== null}
      onCancel={(e) => {
        e.preventDefault();
        if (!asking) onClose();
      }}
    >
      <h2 id="backups-title">Backups</h2>
      <p id="backups-about" className="backups-about">
        Waymark backs up this workspace when it is opened and every 15 minutes while you work. Restoring a backup
        backs up the current state first, so a restore can be undone by restoring that one.
      </p>
      {problem && (
        <p className="backups-message backups-problem" role="alert">
          The last automatic backup did not work: {problem} Your edits are saved; Waymark will try again.
        </p>
      )}
      <div className="backups-actions">
        <button type="button" className="primary" disabled={busy !== null} onClick={() => void backUpNow()}>
          {busy === 'backup' ? 'Backing up…' : 'Back up now'}
        </button>
        {copyWorkspace && (
          <button type="button" disabled={busy !== null} onClick={() => void downloadCopy(copyWorkspace)}>
            {busy === 'copy' ? 'Writing the copy…' : 'Download a copy of the workspace'}
          </button>
        )}
        {busy === 'restore' && <span className="muted">Restoring…</span>}
      </div>
      <div role="status" aria-live="polite">
        {outcome?.kind === 'done' && <p className="backups-message backups-done">{outcome.text}</p>}
      </div>
      <div role="alert">
        {outcome?.kind === 'error' && <p className="backups-message backups-error">{outcome.text}</p>}
        {loadError && <p className="backups-message backups-error">The backups could not be listed: {loadError}</p>}
      </div>
      <div className="backups-list">
        {backups === null ? (
          !loadError && <p className="muted">Reading the backups…</p>
        ) : backups.length === 0 ? (
          <p className="muted">There are no backups of this workspace yet.</p>
        ) : (
          <table className="backups-table">
            <caption className="visually-hidden">Backups of this workspace, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Why</th>
                <th scope="col" className="backup-size">
                  Size
                </th>
                <th scope="col">
                  <span className="visually-hidden">Restore</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <BackupRow key={b.id} backup={b} now={now} busy={busy !== null} onRestore={setAsking} />
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="confirm-actions">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      {asking && (
        <ConfirmDialog
          title="Restore this backup?"
          message={`The workspace goes back to how it was on ${describe(asking)}. Its current state is backed up first, so you can come back to it. Every open window reloads.`}
          confirmLabel="Restore"
          onConfirm={() => void restore(asking)}
          onCancel={() => setAsking(null)}
        />
      )}
    </dialog>
  );
}

/** The "Backups" button in the top bar and its dialog: the workspace's backups, one taken now, and restore. */
export function BackupsDialog() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="topbar-button topbar-text" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Backups
      </button>
      {open && <Dialog onClose={() => setOpen(false)} />}
    </>
  );
}
