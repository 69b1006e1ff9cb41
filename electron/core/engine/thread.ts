/**
 * Start the workspace engine on a worker thread and talk to it through a RemoteSession: the browser host's
 * HTTP server keeps answering (static files, other calls) while the engine works.
 */
import { Worker } from 'node:worker_threads';
import type { OpenOptions } from '../workspace.ts';
import { RemoteSession } from './remote.ts';

export interface EngineThreadOptions {
  /** Options for every workspace the engine opens (backups folder, intervals; tests and benchmarks use them). */
  workspace?: Omit<OpenOptions, 'sample' | 'create' | 'now'>;
}

export interface EngineThread {
  session: RemoteSession;
  /** Stop the thread (after `session.close()`, so the workspace is closed cleanly). */
  terminate: () => Promise<void>;
}

export async function startEngineThread(options: EngineThreadOptions = {}): Promise<EngineThread> {
  const worker = new Worker(new URL('./threadMain.ts', import.meta.url), { workerData: options });
  const session = new RemoteSession(worker);
  let stopping = false;
  worker.on('error', (error: unknown) => {
    console.error('waymark: the workspace engine failed:', error);
    session.fail(error instanceof Error ? error.message : String(error));
  });
  worker.on('exit', (code) => {
    if (!stopping) session.fail(`exit code ${code}`);
  });
  await Promise.race([
    session.ready,
    new Promise((_, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The workspace engine stopped before it was ready (exit code ${code}).`)));
    }),
  ]);
  return {
    session,
    terminate: async () => {
      stopping = true;
      await worker.terminate();
      session.fail('it was stopped'); // anything still waiting is answered, not left hanging
    },
  };
}
