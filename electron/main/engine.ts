/**
 * The desktop's workspace engine, in an Electron utility process (the VS Code model): a backup, a migration
 * or a big import never freezes the window, and the main process only relays. Built by electron-vite as its
 * own entry (out/main/engine.js) and started by index.ts with `utilityProcess.fork`.
 */
import { serveSession, WorkspaceSession } from '../core/index.ts';

const parent = process.parentPort;
serveSession(
  {
    postMessage: (message) => parent.postMessage(message),
    on: (_event, listener) => parent.on('message', (e) => listener(e.data)),
  },
  new WorkspaceSession(),
);
