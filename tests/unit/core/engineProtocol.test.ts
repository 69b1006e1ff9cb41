/**
 * The engine's protocol in one thread: `serveSession` and a `RemoteSession` joined by a MessageChannel, so every
 * call, reply, error and event crosses a real port (structured clone), as it does to the worker thread or the
 * desktop's utility process, but with no other thread. Real workspace files in a temp folder. Every wait gives
 * up after two seconds, so a lost reply fails its test at once instead of hanging it.
 * Where a test needs to say exactly what arrives on the wire, one end is played by the test itself.
 * (engine.test.ts runs the same engine on a real worker thread.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OperationName } from '../../../electron/api/contract.ts';
import { WaymarkError } from '../../../electron/api/errors.ts';
import type { WorkspaceEvent } from '../../../electron/api/types.ts';
import type { PortLike } from '../../../electron/core/engine/protocol.ts';
import { RemoteSession } from '../../../electron/core/engine/remote.ts';
import { serveSession } from '../../../electron/core/engine/serve.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { WorkspaceSession, type SessionApi } from '../../../electron/core/session.ts';
import { tempDir } from './helpers.ts';

const WAIT_MS = 2000;
const STOPPED = (reason: string) => `The workspace engine stopped (${reason}). Your last change may not have been saved; restart Waymark.`;
const INTERNAL = 'Something went wrong inside Waymark. Your last change may not have been saved.';

/** `promise`, or a failure naming what did not arrive within two seconds. */
function within<T>(promise: Promise<T>, what = 'the reply'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not arrive within ${WAIT_MS} ms`)), WAIT_MS);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

const ports: MessagePort[] = [];
const sessions: WorkspaceSession[] = [];
const dirs: string[] = [];
/** Whatever a side's message listener threw: no message, however malformed, may make one throw. */
let thrown: unknown[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
  for (const p of ports.splice(0)) p.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  const seen = thrown;
  thrown = [];
  expect(seen).toEqual([]);
});

function folder(): string {
  const d = tempDir('waymark-engine-');
  dirs.push(d);
  return d;
}

/** A port as the protocol sees it, recording what its listener throws instead of letting it escape. */
function guarded(port: MessagePort): PortLike {
  return {
    postMessage: (message) => port.postMessage(message),
    on: (event, listener) =>
      port.on(event, (message: unknown) => {
        try {
          listener(message);
        } catch (error) {
          thrown.push(error);
        }
      }),
  };
}

function channel(): { enginePort: MessagePort; hostPort: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  return { enginePort: port1, hostPort: port2 };
}

/** The end of a port the test plays itself: what has arrived, and a wait for the next thing that matches. */
function rawEnd(port: MessagePort) {
  const seen: unknown[] = [];
  const waiting = new Set<() => void>();
  port.on('message', (message: unknown) => {
    seen.push(message);
    for (const check of [...waiting]) check();
  });
  return {
    seen,
    post: (message: unknown) => port.postMessage(message),
    next(match: (message: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>> {
      return within(
        new Promise((resolve) => {
          const check = () => {
            const found = seen.find((m) => typeof m === 'object' && m !== null && match(m as Record<string, unknown>));
            if (found === undefined) return;
            waiting.delete(check);
            resolve(found as Record<string, unknown>);
          };
          waiting.add(check);
          check();
        }),
        what,
      );
    },
  };
}

/** A WorkspaceSession served on one end of a channel and a RemoteSession on the other, as a host has them. */
async function connect() {
  const { enginePort, hostPort } = channel();
  const session = new WorkspaceSession();
  sessions.push(session);
  serveSession(guarded(enginePort), session);
  const logged: string[] = [];
  const remote = new RemoteSession(guarded(hostPort), (m) => logged.push(m));
  await within(remote.ready, 'the engine’s ready message');
  return { session, remote, logged };
}

/** A RemoteSession whose engine is played by the test. */
function hostOnRawEngine() {
  const { enginePort, hostPort } = channel();
  const engine = rawEnd(enginePort);
  const logged: string[] = [];
  const remote = new RemoteSession(guarded(hostPort), (m) => logged.push(m));
  const request = (id: unknown) => engine.next((m) => m.id === id, `request ${String(id)}`);
  return { remote, engine, logged, request };
}

/** The engine, served over a port the test writes to itself. */
function rawHostOnEngine(session: SessionApi = new WorkspaceSession()) {
  const { enginePort, hostPort } = channel();
  if (session instanceof WorkspaceSession) sessions.push(session);
  serveSession(guarded(enginePort), session);
  const host = rawEnd(hostPort);
  const reply = (id: unknown) => host.next((m) => m.kind === 'reply' && m.id === id, `the reply to ${String(id)}`);
  return { session, host, reply };
}

describe('calls over the port', { timeout: 5000 }, () => {
  it('answers a call with its result, and tells the host which file is open', async () => {
    const { remote } = await connect();
    expect(remote.isOpen).toBe(false);
    expect(remote.path).toBeNull();
    const file = path.join(folder(), 'w.waymark');
    await within(remote.open(file, { sample: true }));
    expect(remote.path).toBe(file);
    expect(remote.isOpen).toBe(true);
    const [summary] = await within(remote.call('maps.list', {}));
    expect(summary?.title).toBe('First online grocery order');
    const map = await within(remote.call('maps.get', { id: summary?.id ?? '' }));
    expect(map.map.id).toBe(summary?.id);
    expect(map.stages.length).toBeGreaterThan(0);
    const changes = await within(remote.call('maps.update', { id: summary?.id ?? '', title: 'Renamed over the port' }));
    expect(changes.maps.map((m) => m.title)).toEqual(['Renamed over the port']);
    expect((await within(remote.call('maps.list', {}))).map((m) => m.title)).toEqual(['Renamed over the port']);
  });

  it('refuses a call with the same WaymarkError as in-process: its code, message and field issues intact', async () => {
    const { session, remote, logged } = await connect();
    await within(remote.open(path.join(folder(), 'w.waymark'), { sample: true }));
    const [summary] = await within(remote.call('maps.list', {}));
    const bad = { id: summary?.id ?? '', title: '', extra: 1 };
    const direct = (await session.call('maps.update', bad).catch((e: unknown) => e)) as WaymarkError;
    const refused = await within(remote.call('maps.update', bad).catch((e: unknown) => e));
    expect(refused).toBeInstanceOf(WaymarkError);
    const error = refused as WaymarkError;
    expect({ name: error.name, code: error.code, message: error.message, issues: error.issues }).toEqual({
      name: 'InvalidError',
      code: 'Invalid',
      message: direct.message,
      issues: direct.issues,
    });
    expect(error.issues?.join('; ')).toMatch(/title must not be empty.*unknown field extra/);

    const missing = (await within(remote.call('maps.get', { id: 'gone' }).catch((e: unknown) => e))) as WaymarkError;
    expect({ code: missing.code, message: missing.message, issues: missing.issues }).toEqual({
      code: 'NotFound',
      message: ((await session.call('maps.get', { id: 'gone' }).catch((e: unknown) => e)) as WaymarkError).message,
      issues: undefined,
    });
    expect(missing.message).not.toBe('');
    expect(logged).toEqual([]); // a refusal is the person's to read, not an engine failure for the log
  });

  it('refuses calls before a workspace is open and after it is closed, saying what to do', async () => {
    const { remote } = await connect();
    const message = 'No workspace is open. Open or create one from the File menu.';
    await expect(within(remote.call('maps.list', {}))).rejects.toMatchObject({ code: 'Conflict', message });
    const file = path.join(folder(), 'w.waymark');
    await within(remote.open(file));
    await within(remote.close());
    expect(remote.isOpen).toBe(false);
    expect(remote.path).toBeNull();
    await expect(within(remote.call('maps.list', {}))).rejects.toMatchObject({ code: 'Conflict', message });
  });

  it('refuses an operation the contract does not have, by name, whether a workspace is open or not', async () => {
    const { remote } = await connect();
    const refusal = { code: 'NotFound', message: 'There is no operation called "maps.explode".' };
    await expect(within(remote.call('maps.explode' as OperationName, {}))).rejects.toMatchObject(refusal);
    await within(remote.open(path.join(folder(), 'w.waymark')));
    await expect(within(remote.call('maps.explode' as OperationName, {}))).rejects.toMatchObject(refusal);
    await expect(within(remote.call('toString' as OperationName, {}))).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('keeps the open file when another cannot be opened, and follows a switch to one that can', async () => {
    const { remote } = await connect();
    const dir = folder();
    const good = path.join(dir, 'good.waymark');
    await within(remote.open(good));
    const notes = path.join(dir, 'notes.waymark');
    fs.writeFileSync(notes, 'just some notes\n');
    const refused = (await within(remote.open(notes).catch((e: unknown) => e))) as WaymarkError;
    expect(refused.code).toBe('Unsupported');
    expect(refused.message).toMatch(/"notes.waymark" is not a Waymark workspace \(it looks like a text file\)/);
    expect(remote.path).toBe(good);
    const other = path.join(dir, 'other.waymark');
    await expect(within(remote.open(good, { mustBeNew: true }))).rejects.toMatchObject({ code: 'Conflict' });
    await within(remote.open(other, { sample: true }));
    expect(remote.path).toBe(other);
    expect((await within(remote.call('maps.list', {}))).map((m) => m.title)).toEqual(['First online grocery order']);
  });

  it('starts again from a copy of a backup, and leaves the backup as it was', async () => {
    const { remote } = await connect();
    const dir = folder();
    const file = path.join(dir, 'w.waymark');
    await within(remote.open(file, { sample: true }));
    const backup = await within(remote.call('workspace.backup', {}));
    const backupFile = path.join(`${file}.backups`, backup.id);
    expect(fs.existsSync(backupFile)).toBe(true);
    const before = fs.readFileSync(backupFile);
    const copy = path.join(dir, 'w (restored).waymark');
    await within(remote.openBackupCopy(backupFile, copy));
    expect(remote.path).toBe(copy);
    expect((await within(remote.call('maps.list', {}))).map((m) => m.title)).toEqual(['First online grocery order']);
    expect(fs.readFileSync(backupFile).equals(before)).toBe(true);
    await expect(within(remote.openBackupCopy(backupFile, copy))).rejects.toMatchObject({
      code: 'Conflict',
      message: '"w (restored).waymark" already exists, and Waymark never replaces a file. Choose another name.',
    });
  });

  it('saves a copy of the open workspace through the engine, which stays on the original', async () => {
    const { remote } = await connect();
    const dir = folder();
    const file = path.join(dir, 'w.waymark');
    await within(remote.open(file, { sample: true }));
    const copy = path.join(dir, 'w copy.waymark');
    await within(remote.saveCopy(copy));
    expect(remote.path).toBe(file);
    const opened = Workspace.open(copy);
    try {
      expect((await opened.call('maps.list', {})).map((m) => m.title)).toEqual(['First online grocery order']);
    } finally {
      opened.close();
    }
    await expect(within(remote.saveCopy(file))).rejects.toMatchObject({ code: 'Conflict', message: '"w.waymark" is the open workspace itself; save the copy under another name.' });
  });

  it('gives the page only a generic message for an engine failure, and its detail to the host’s log', async () => {
    const { remote, logged } = await connect();
    const dir = folder();
    const file = path.join(dir, 'w.waymark');
    await within(remote.open(file));
    const backup = await within(remote.call('workspace.backup', {}));
    const nowhere = path.join(dir, 'no such folder', 'copy.waymark');
    const failure = (await within(remote.openBackupCopy(path.join(`${file}.backups`, backup.id), nowhere).catch((e: unknown) => e))) as WaymarkError;
    expect(failure).toBeInstanceOf(WaymarkError);
    expect({ code: failure.code, message: failure.message }).toEqual({ code: 'Internal', message: INTERNAL });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^waymark engine: Error: ENOENT/);
    expect(logged[0]).toMatch(/\n\s+at /); // the stack, so the log says where
    expect(remote.path).toBe(file);
  });

  it('answers whatever a session throws, even a value that is not an Error', async () => {
    const throwing = (value: unknown): SessionApi => {
      const fail = async (): Promise<never> => {
        await Promise.resolve();
        throw value;
      };
      return { path: '/somewhere/w.waymark', isOpen: true, call: fail, open: fail, openBackupCopy: fail, saveCopy: fail, close: fail, subscribe: () => () => undefined };
    };
    const { host, reply } = rawHostOnEngine(throwing('the disk is on fire'));
    host.post({ kind: 'call', id: 1, name: 'maps.list', input: {} });
    expect(await reply(1)).toEqual({
      kind: 'reply',
      id: 1,
      ok: false,
      error: { code: 'Internal', message: INTERNAL, detail: 'the disk is on fire' },
      path: '/somewhere/w.waymark',
    });
  });

  it('logs an engine failure on the console when the host gives no log of its own', async () => {
    const { enginePort, hostPort } = channel();
    const engine = rawEnd(enginePort);
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const remote = new RemoteSession(guarded(hostPort));
      const answer = remote.call('maps.list', {}).catch((e: unknown) => e);
      await engine.next((m) => m.id === 1, 'the call');
      engine.post({ kind: 'reply', id: 1, ok: false, error: { code: 'Internal', message: INTERNAL, detail: 'Error: boom\n    at somewhere' }, path: null });
      expect(await within(answer)).toMatchObject({ code: 'Internal', message: INTERNAL });
      expect(consoleError).toHaveBeenCalledWith('waymark engine: Error: boom\n    at somewhere');
    } finally {
      consoleError.mockRestore();
    }
  });
});

describe('events over the port', { timeout: 5000 }, () => {
  it('delivers every committed change to the host’s listeners, with the client that made it, before the reply', async () => {
    const { remote } = await connect();
    await within(remote.open(path.join(folder(), 'w.waymark'), { sample: true }));
    const [summary] = await within(remote.call('maps.list', {}));
    const heard: WorkspaceEvent[] = [];
    remote.subscribe(() => {
      throw new Error('a broken listener');
    });
    remote.subscribe((e) => heard.push(e));
    await within(remote.call('maps.update', { id: summary?.id ?? '', title: 'From window 1' }, { clientId: 'window-1' }));
    await within(remote.call('maps.update', { id: summary?.id ?? '', title: 'From nobody in particular' }));
    expect(heard).toHaveLength(2);
    expect(heard[0]).toMatchObject({ type: 'changes', seq: 1, clientId: 'window-1', operation: 'maps.update' });
    expect(heard[1]).toMatchObject({ type: 'changes', seq: 2, clientId: null, operation: 'maps.update' });
    if (heard[0]?.type !== 'changes') throw new Error('expected a change');
    expect(heard[0].changes.maps.map((m) => m.title)).toEqual(['From window 1']);
  });

  it('stops delivering to a listener that unsubscribed, and goes on for the others', async () => {
    const { remote } = await connect();
    await within(remote.open(path.join(folder(), 'w.waymark')));
    const left: WorkspaceEvent[] = [];
    const stayed: WorkspaceEvent[] = [];
    const leave = remote.subscribe((e) => left.push(e));
    remote.subscribe((e) => stayed.push(e));
    await within(remote.call('maps.create', { title: 'One', template: 'blank' }));
    leave();
    await within(remote.call('maps.create', { title: 'Two', template: 'blank' }));
    expect(left.map((e) => e.seq)).toEqual([1]);
    expect(stayed.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('tells listeners to start again when another workspace is opened', async () => {
    const { remote } = await connect();
    const dir = folder();
    await within(remote.open(path.join(dir, 'a.waymark')));
    const heard: WorkspaceEvent[] = [];
    remote.subscribe((e) => heard.push(e));
    await within(remote.open(path.join(dir, 'b.waymark')));
    expect(heard).toEqual([expect.objectContaining({ type: 'reset', clientId: null, reason: 'Another workspace was opened.' })]);
  });
});

describe('many calls in flight', { timeout: 5000 }, () => {
  it('gives each of many concurrent calls its own answer, results and refusals alike', async () => {
    const { remote } = await connect();
    await within(remote.open(path.join(folder(), 'w.waymark')));
    const titles = Array.from({ length: 12 }, (_, i) => `Map ${i + 1}`);
    const created = await within(Promise.all(titles.map((title) => remote.call('maps.create', { title, template: 'blank' }))));
    const ids = created.map((c) => c.maps[0]?.id ?? '');
    const answers = await within(
      Promise.all(
        ids.flatMap((id, i) => [
          remote.call('maps.get', { id }).then((m) => m.map.title),
          remote.call('maps.get', { id: `missing-${i}` }).catch((e: unknown) => `${(e as WaymarkError).code}: ${(e as WaymarkError).message}`),
        ]),
      ),
    );
    expect(answers.filter((_, i) => i % 2 === 0)).toEqual(titles);
    for (const refusal of answers.filter((_, i) => i % 2 === 1)) expect(refusal).toMatch(/^NotFound: /);
  });

  it('matches each reply to the call that asked, whatever order the replies come in', async () => {
    const { remote, engine } = hostOnRawEngine();
    const first = remote.call('maps.list', {});
    const second = remote.call('maps.get', { id: 'b' }, { clientId: 'window-2' });
    const third = remote.call('maps.get', { id: 'c' }).catch((e: unknown) => e);
    await engine.next(() => engine.seen.length === 3, 'three calls');
    const requests = engine.seen as Record<string, unknown>[];
    expect(requests.map((r) => [r.kind, r.name, r.input])).toEqual([
      ['call', 'maps.list', {}],
      ['call', 'maps.get', { id: 'b' }],
      ['call', 'maps.get', { id: 'c' }],
    ]);
    expect(requests[1]?.clientId).toBe('window-2');
    expect(new Set(requests.map((r) => r.id)).size).toBe(3);
    const [a, b, c] = requests.map((r) => r.id);
    engine.post({ kind: 'reply', id: c, ok: false, error: { code: 'NotFound', message: 'No map c.', issues: ['id: unknown'] }, path: '/w/third' });
    engine.post({ kind: 'reply', id: b, ok: true, result: 'the second', path: '/w/second' });
    engine.post({ kind: 'reply', id: a, ok: true, result: 'the first', path: '/w/first' });
    expect(await within(second)).toBe('the second');
    expect(await within(first)).toBe('the first');
    const refused = await within(third);
    expect(refused).toBeInstanceOf(WaymarkError);
    expect(refused).toMatchObject({ code: 'NotFound', message: 'No map c.', issues: ['id: unknown'] });
    expect(remote.path).toBe('/w/first'); // the path the engine gave with its latest reply
  });

  it('sends opens, backup copies and closes as their own requests, each answered by id', async () => {
    const { remote, engine, request } = hostOnRawEngine();
    const opening = remote.open('/w/a.waymark', { sample: true });
    const copying = remote.openBackupCopy('/w/a.waymark.backups/one.waymark', '/w/copy.waymark');
    const closing = remote.close();
    const saving = remote.saveCopy('/w/a copy.waymark');
    const [open, copy, close, save] = await within(Promise.all([request(1), request(2), request(3), request(4)]), 'the requests');
    expect(save).toEqual({ kind: 'saveCopy', id: 4, target: '/w/a copy.waymark' });
    engine.post({ kind: 'reply', id: 4, ok: true, result: null, path: '/w/a.waymark' });
    await within(saving);
    expect(open).toEqual({ kind: 'open', id: 1, file: '/w/a.waymark', request: { sample: true } });
    expect(copy).toEqual({ kind: 'openBackupCopy', id: 2, backupFile: '/w/a.waymark.backups/one.waymark', target: '/w/copy.waymark' });
    expect(close).toEqual({ kind: 'close', id: 3 });
    engine.post({ kind: 'reply', id: 1, ok: true, result: null, path: '/w/a.waymark' });
    await within(opening);
    expect(remote.path).toBe('/w/a.waymark');
    engine.post({ kind: 'reply', id: 2, ok: false, error: { code: 'Conflict', message: 'It exists.' }, path: '/w/a.waymark' });
    await expect(within(copying)).rejects.toMatchObject({ code: 'Conflict', message: 'It exists.' });
    engine.post({ kind: 'reply', id: 3, ok: true, result: null, path: null });
    await within(closing);
    expect(remote.isOpen).toBe(false);
  });
});

describe('when the engine stops or the workspace closes', { timeout: 5000 }, () => {
  it('fails the calls in flight and every later one with a clear message, and asks the engine nothing more', async () => {
    const { remote, engine } = hostOnRawEngine();
    engine.post({ kind: 'ready' });
    await within(remote.ready, 'ready');
    const opening = remote.open('/w/a.waymark');
    await engine.next((m) => m.id === 1, 'the open');
    engine.post({ kind: 'reply', id: 1, ok: true, result: null, path: '/w/a.waymark' });
    await within(opening);
    const waiting: Promise<unknown>[] = [remote.call('maps.list', {}), remote.call('maps.get', { id: 'x' })];
    await engine.next(() => engine.seen.length === 3, 'the calls');
    remote.fail('exit code 1');
    for (const call of waiting) await expect(within(call)).rejects.toMatchObject({ code: 'Internal', message: STOPPED('exit code 1') });
    await expect(within(remote.call('maps.list', {}))).rejects.toMatchObject({ code: 'Internal', message: STOPPED('exit code 1') });
    await expect(within(remote.close())).rejects.toThrow(STOPPED('exit code 1'));
    // a reply that still comes for a failed call changes nothing
    engine.post({ kind: 'reply', id: 2, ok: true, result: [], path: '/w/elsewhere.waymark' });
    await settle();
    expect(remote.path).toBe('/w/a.waymark');
    expect(engine.seen).toHaveLength(3);
  });

  it('fails a call still in flight when a real engine stops before answering', async () => {
    const { remote } = await connect();
    await within(remote.open(path.join(folder(), 'w.waymark'), { sample: true }));
    const waiting = remote.call('maps.list', {});
    remote.fail('it was stopped'); // the reply is still on its way: the call must not wait for it
    await expect(within(waiting)).rejects.toThrow(STOPPED('it was stopped'));
  });

  it('answers the calls sent before a close, then refuses the ones after it', async () => {
    const { remote } = await connect();
    await within(remote.open(path.join(folder(), 'w.waymark'), { sample: true }));
    const before = remote.call('maps.list', {});
    const closing = remote.close();
    const after = remote.call('maps.list', {});
    expect((await within(before)).map((m) => m.title)).toEqual(['First online grocery order']);
    await within(closing);
    await expect(within(after)).rejects.toMatchObject({ code: 'Conflict' });
    expect(remote.isOpen).toBe(false);
  });
});

describe('messages that are not the protocol’s', { timeout: 5000 }, () => {
  it('are left unanswered by the engine, which goes on serving', async () => {
    const { host, reply } = rawHostOnEngine();
    await host.next((m) => m.kind === 'ready', 'ready');
    const foreign: unknown[] = [
      null,
      undefined,
      'call',
      42,
      [],
      { kind: 'call' },
      { kind: 'call', id: '7', name: 'maps.list', input: {} },
      { id: 8 },
      { kind: 'shutdown', id: 9 },
      { kind: 'reply', id: 10, ok: true, result: null, path: null },
    ];
    for (const message of foreign) host.post(message);
    host.post({ kind: 'call', id: 11, name: 'maps.list', input: {} });
    expect(await reply(11)).toMatchObject({ ok: false, error: { code: 'Conflict' }, path: null });
    await settle();
    expect(host.seen).toEqual([{ kind: 'ready' }, expect.objectContaining({ kind: 'reply', id: 11 })]);
  });

  it('are ignored by the host, even one that carries a waiting call’s id', async () => {
    const { remote, engine, logged } = hostOnRawEngine();
    let ready = false;
    void remote.ready.then(() => (ready = true));
    const answer = remote.call('maps.list', {});
    const call = await engine.next((m) => m.kind === 'call', 'the call');
    for (const message of [
      null,
      undefined,
      'ready',
      7,
      { kind: 'progress', id: call.id, ok: true, result: 'not the answer', path: '/w/wrong.waymark' },
      { id: call.id, ok: true, result: 'not the answer either', path: '/w/wrong.waymark' },
      { kind: 'reply', id: 999, ok: true, result: 'asked by nobody', path: '/w/stray.waymark' },
    ]) {
      engine.post(message);
    }
    await settle();
    expect(ready).toBe(false);
    expect(remote.path).toBeNull();
    engine.post({ kind: 'reply', id: call.id, ok: true, result: 'the answer', path: '/w/right.waymark' });
    expect(await within(answer)).toBe('the answer');
    expect(remote.path).toBe('/w/right.waymark');
    engine.post({ kind: 'reply', id: call.id, ok: false, error: { code: 'Internal', message: INTERNAL, detail: 'late' }, path: null });
    await settle();
    expect(remote.path).toBe('/w/right.waymark'); // a second reply to an answered call is ignored
    expect(logged).toEqual([]);
    engine.post({ kind: 'ready' });
    await within(remote.ready, 'ready');
  });
});
