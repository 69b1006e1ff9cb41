import { labelOf, titleOf } from '../actions/dispatch.ts';
import { windowAction } from '../actions/table.ts';
import { useMapStore, useMapStoreApi } from '../store/MapStoreContext.tsx';
import { useUiStore } from '../store/uiStore.ts';

export { isTyping } from '../actions/useWindowActions.ts';

/** Undo and redo buttons; their shortcuts are window actions in the table of actions. */
export function HistoryControls() {
  const store = useMapStoreApi();
  const ui = useUiStore();
  // Re-render when what the buttons say changes.
  useMapStore((s) => `${s.undoStack.at(-1)?.label ?? ''}|${s.redoStack.at(-1)?.label ?? ''}`);
  const ctx = { ui, store };
  const button = (name: 'history.undo' | 'history.redo', text: string) => {
    const action = windowAction(name);
    const enabled = action.when?.(ctx) ?? true;
    const label = labelOf(action, ctx);
    return (
      <button type="button" onClick={() => action.run(ctx)} disabled={!enabled} aria-label={text} title={enabled ? titleOf(label, action) : `Nothing to ${text.toLowerCase()}`}>
        {name === 'history.undo' ? '↶' : '↷'} {text}
      </button>
    );
  };
  return (
    <div className="history" role="group" aria-label="History">
      {button('history.undo', 'Undo')}
      {button('history.redo', 'Redo')}
    </div>
  );
}
