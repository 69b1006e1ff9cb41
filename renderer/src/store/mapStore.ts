/**
 * One store per open map (zustand's createStore + context, as its docs recommend for documents).
 * Every change is a named command: it is persisted through the contract at once (one `batch.run`, one
 * transaction), the records the workspace returns are applied, and it lands on the undo stack. A command
 * whose outcome the map already determines (fields set; cards, stages and lanes added, moved or deleted: an edit,
 * its undo, its redo) is shown before the answer (predict.ts). A refusal leaves the map as the workspace has it and
 * tells the person why. Calls run one at a time, in order, and each command is built when its turn comes.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { schemas, type Call } from '../../../electron/api/contract.ts';
import { RECORD_KINDS, TOMBSTONES_KEPT, type ChangeSet, type MapDocument, type WorkspaceEvent } from '../../../electron/api/types.ts';
import { serialQueue } from '../../../electron/api/queue.ts';
import { messageOf } from '../api/errors.ts';
import type { Command, Step } from './commands.ts';
import { applyChanges, newerOnly, toModel, touchesEvidence, withEvidence, withTotals, type MapModel } from './mapModel.ts';
import { predict, undoGuess, withoutShown, type Guess, type Records } from './predict.ts';
import { NOTHING, pruneSelection, type Selection } from './selection.ts';

const HISTORY_LIMIT = 200;

export interface MapState extends MapModel {
  /** Calls under way; the UI shows "Saving…" while > 0. */
  pending: number;
  undoStack: readonly Command[];
  redoStack: readonly Command[];
  /** What is selected; shared by the canvas, the inspector and the keyboard. */
  selection: Selection;
  select: (selection: Selection) => void;
  /**
   * Do a command and record it for undo. Resolves to true when the workspace accepted it. Pass a builder
   * (`(model) => moveCards(model, …)`): it runs when the command's turn comes, after every earlier command
   * has landed, so the command is computed against the map as the workspace has it, never a stale copy.
   */
  perform: (command: Command | CommandBuilder) => Promise<boolean>;
  undo: () => Promise<boolean>;
  redo: () => Promise<boolean>;
  /** Replace everything with a fresh copy from the workspace (history is kept). */
  reload: () => Promise<void>;
  /**
   * A change committed by another window or person: applied as it is, apart from this window's undo history
   * (undo only undoes one's own steps). A reset (a restore, a reconnect) reloads the map.
   */
  receive: (event: WorkspaceEvent) => void;
}

export type MapStore = StoreApi<MapState>;

export type CommandBuilder = (model: MapModel) => Command;

export interface MapStoreDeps {
  call: Call;
  /** Tell the person about a refusal or failure. */
  report: (message: string) => void;
  /** Something changed that the map list shows (title, counts). */
  onMapChanged?: () => void;
}

export function createMapStore(doc: MapDocument, deps: MapStoreDeps): MapStore {
  /** The commit each record shown last came from (see newerOnly); forgotten when everything is re-read. */
  const seen = new Map<string, number>();
  /** Calls strictly one after another, so the workspace sees edits in the order they were made. */
  const { run: serial } = serialQueue();

  return createStore<MapState>()((set, get) => {
    /**
     * The map's evidence totals come from the workspace (a quote's sentiment or a link elsewhere moves them,
     * and the map holds only each stage's newest quotes), so a change that may move them has them read again:
     * one read at a time, and one more after it when changes came in meanwhile. Card edits never read.
     */
    let reading = false;
    let again = false;
    const readAgain = (): boolean => again; // read through a call: it changes while the loop awaits
    /**
     * How many guesses have shown evidence (quote links moved or put back, quotes, totals): a read asked before one
     * of them may answer from before its command, so it is read again instead of shown (it would take the guess away).
     */
    let evidenceGuesses = 0;
    const showsEvidence = (guess: Guess): boolean => touchesEvidence(guess.changes) || guess.totals !== undefined;
    const readEvidence = async (): Promise<void> => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          try {
            const asked = evidenceGuesses;
            const doc = await deps.call('maps.evidence', { id: get().map.id });
            if (evidenceGuesses !== asked) again = true;
            else set((s) => withEvidence(s, doc));
          } catch (error) {
            // The map itself is gone (deleted elsewhere): the map list says so; nothing to read.
            if ((error as { code?: unknown }).code !== 'NotFound') deps.report(messageOf(error));
          }
        } while (readAgain());
      } finally {
        reading = false;
      }
    };
    const readEvidenceAfter = (changes: ChangeSet) => {
      if (touchesEvidence(changes)) void readEvidence();
    };
    /**
     * What each guessed delete keeps under its tombstone (a card, or a stage or lane with all the map showed on it,
     * as the map showed them), so that its undo is shown at once too: the newest TOMBSTONES_KEPT, as many as the
     * workspace keeps at least.
     */
    const kept = new Map<string, Records>();
    const keep = (guess: Guess) => {
      for (const tombstone of guess.restored) kept.delete(tombstone);
      for (const [tombstone, records] of guess.kept) {
        kept.delete(tombstone); // a redo keeps it again: the newest go last
        kept.set(tombstone, records);
      }
      for (const tombstone of kept.keys()) {
        if (kept.size <= TOMBSTONES_KEPT) break;
        kept.delete(tombstone);
      }
    };
    const persist = async (steps: readonly Step[]): Promise<boolean> => {
      if (steps.length === 0) return true;
      // What the workspace will store, when the map already says (see predict.ts): shown now, in the next frame.
      const guess = predict(get(), steps, kept);
      // What had arrived about each record the guess removes: a refusal puts back only those nothing has come for since.
      const marks = new Map(guess ? RECORD_KINDS.flatMap((kind) => guess.changes.deleted[kind].map((id) => [id, seen.get(id)] as const)) : []);
      let guessed: { selection: Selection; before: Selection } | null = null;
      if (guess) {
        const s = get();
        if (showsEvidence(guess)) evidenceGuesses++;
        const next = withTotals(applyChanges(s, guess.changes), guess.totals);
        const selection = pruneSelection(s.selection, next);
        guessed = { selection, before: s.selection };
        set({ ...next, selection, pending: s.pending + 1 });
      } else set((s) => ({ pending: s.pending + 1 }));
      try {
        const changes: ChangeSet = newerOnly(await deps.call('batch.run', { steps: [...steps] }), seen);
        if (guess) keep(guess);
        // A tombstone brought back is gone from the workspace, guessed or not: its undo is never guessed again.
        for (const s of steps) {
          const restore = s.name === 'tombstones.restore' ? schemas.restore.safeParse(s.input) : null;
          if (restore?.success) kept.delete(restore.data.id);
        }
        set((s) => {
          // The answer to a right guess changes nothing on screen: only what differs is applied.
          const next = applyChanges(s, guess ? withoutShown(s, changes) : changes);
          return { ...next, selection: pruneSelection(s.selection, next) };
        });
        readEvidenceAfter(changes);
        deps.onMapChanged?.();
        return true;
      } catch (error) {
        if (guess) {
          const shown: { selection: Selection; before: Selection } | null = guessed;
          set((s) => {
            const back = undoGuess(s, guess, (id) => seen.get(id) === marks.get(id));
            // The selection the guess emptied comes back with its cards, unless the person has chosen since.
            const selection = shown !== null && s.selection === shown.selection ? pruneSelection(shown.before, back) : s.selection;
            return { ...back, selection };
          });
          // The evidence it showed (totals, quotes put back) is the workspace's to say again.
          if (showsEvidence(guess)) void readEvidence();
        }
        deps.report(messageOf(error));
        return false;
      } finally {
        set((s) => ({ pending: s.pending - 1 }));
      }
    };

    return {
      ...toModel(doc),
      pending: 0,
      undoStack: [],
      redoStack: [],
      selection: NOTHING,
      select: (selection) => set({ selection }),
      perform: (commandOrBuilder) =>
        serial(async () => {
          const command = typeof commandOrBuilder === 'function' ? commandOrBuilder(get()) : commandOrBuilder;
          const ok = await persist(command.forward);
          if (ok && command.forward.length > 0) {
            set((s) => ({ undoStack: [...s.undoStack, command].slice(-HISTORY_LIMIT), redoStack: [] }));
          }
          return ok;
        }),
      undo: () =>
        serial(async () => {
          const command = get().undoStack.at(-1);
          if (!command) return false;
          const ok = await persist(command.backward);
          // A command that can no longer be undone (someone else changed the same records) is dropped.
          set((s) => ({ undoStack: s.undoStack.slice(0, -1), redoStack: ok ? [...s.redoStack, command] : s.redoStack }));
          return ok;
        }),
      redo: () =>
        serial(async () => {
          const command = get().redoStack.at(-1);
          if (!command) return false;
          const ok = await persist(command.redo ?? command.forward);
          set((s) => ({ redoStack: s.redoStack.slice(0, -1), undoStack: ok ? [...s.undoStack, command] : s.undoStack }));
          return ok;
        }),
      receive: (event) => {
        if (event.type === 'reset') {
          void get().reload();
          return;
        }
        if (event.type !== 'changes') return;
        const changes = newerOnly(event.changes, seen);
        set((s) => {
          const next = applyChanges(s, changes);
          return { ...next, selection: pruneSelection(s.selection, next) };
        });
        readEvidenceAfter(changes);
      },
      reload: () =>
        serial(async () => {
          try {
            const next = toModel(await deps.call('maps.get', { id: get().map.id }));
            seen.clear(); // everything is as the workspace has it now
            kept.clear(); // a backup restored: what was deleted is the backup's to say
            set((s) => ({ ...next, selection: pruneSelection(s.selection, next) }));
          } catch (error) {
            deps.report(messageOf(error));
          }
        }),
    };
  });
}
