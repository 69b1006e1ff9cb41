/** The browser host's engine thread: a WorkspaceSession served over the worker's port. */
import { parentPort, workerData } from 'node:worker_threads';
import { WorkspaceSession } from '../session.ts';
import type { EngineThreadOptions } from './thread.ts';
import { serveSession } from './serve.ts';

if (!parentPort) throw new Error('threadMain.ts runs as a worker thread');
const options = (workerData ?? {}) as EngineThreadOptions;
serveSession(parentPort, new WorkspaceSession(options.workspace ?? {}));
