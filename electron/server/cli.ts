/**
 * `node electron/server/cli.ts [--workspace FILE] [--port N] [--host H] [--no-sample] [--allow-remote]`
 * (what `npm run web -- …` runs after building). Prints exactly one line, the URL with its token, on stdout.
 * Exit codes: 0 stopped by SIGINT/SIGTERM, 1 the workspace cannot be opened or the port cannot be used,
 * 2 bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TOKEN_FRAGMENT_KEY } from '../api/bridge.ts';
import { WaymarkError } from '../api/errors.ts';
import { Backups, defaultBackupsDir, defaultWorkspacePath, startEngineThread, type EngineThread } from '../core/index.ts';
import { MIN_TOKEN_LENGTH, startServer, type RunningServer } from './server.ts';

const USAGE = 'usage: npm run web -- [--workspace FILE] [--port N] [--host 127.0.0.1] [--no-sample] [--allow-remote]';
const WILDCARDS = new Set(['0.0.0.0', '::']);

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parse() {
  try {
    return parseArgs({
      options: {
        workspace: { type: 'string' },
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        'no-sample': { type: 'boolean', default: false },
        'allow-remote': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
}

/** What a person can do next: open another file, or start again from a copy of one of this workspace's backups. */
function waysOut(file: string): string {
  const dir = defaultBackupsDir(file);
  const backups = new Backups(dir, () => new Date(), Number.MAX_SAFE_INTEGER).list(); // only reads the folder
  const start = 'The file was not changed. To go on, open another workspace with --workspace FILE';
  if (backups.length === 0) return `${start}.`;
  const listed = backups.slice(0, 5).map((b) => `  ${path.join(dir, b.id)}  (${b.reason}, ${b.createdAt})`);
  return [`${start}, or open a copy of one of its backups (newest first):`, ...listed].join('\n');
}

const args = parse();
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!/^\d{1,5}$/.test(args.port) || Number(args.port) > 65535) fail(`--port must be a whole number from 0 to 65535.\n${USAGE}`, 2);
const port = Number(args.port);
const host = args.host.replace(/^\[(.*)\]$/, '$1');
if (!isLoopback(host) && !args['allow-remote']) {
  fail(`Refusing to listen on ${host}: anyone who can reach that address could read and change the workspace. Add --allow-remote if you mean it.`, 2);
}
const token = process.env.WAYMARK_TOKEN || undefined;
if (token !== undefined && !new RegExp(`^[A-Za-z0-9._~-]{${MIN_TOKEN_LENGTH},512}$`).test(token)) {
  fail(`WAYMARK_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters from A-Z, a-z, 0-9 and . _ ~ - (or unset it for a random one).`, 2);
}
if (WILDCARDS.has(host)) {
  process.stderr.write(
    `Note: the server only answers requests addressed to 127.0.0.1, localhost or ${host} (the Host header is checked, against DNS rebinding). To serve other computers, give this computer's own address with --host.\n`,
  );
}

const file = path.resolve(args.workspace ?? defaultWorkspacePath());
if (args.workspace === undefined) fs.mkdirSync(path.dirname(file), { recursive: true });

// The engine runs on its own thread: the HTTP server keeps answering while it backs up, migrates or imports.
const engine: EngineThread = await startEngineThread();
try {
  await engine.session.open(file, { sample: !args['no-sample'] });
} catch (error) {
  await engine.terminate();
  const reason = error instanceof WaymarkError && error.code !== 'Internal' ? error.message : `Cannot open the workspace "${file}": ${error instanceof Error ? error.message : String(error)}`;
  fail(`${reason}\n${waysOut(file)}`, 1);
}

let server: RunningServer;
try {
  server = await startServer({ workspace: engine.session, port, host, ...(token ? { token } : {}) });
} catch (error) {
  await engine.session.close();
  await engine.terminate();
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'EADDRINUSE' ? 'the port is in use' : code === 'EADDRNOTAVAIL' ? 'this computer has no such address' : String(error);
  fail(`Cannot listen on ${host}:${port}: ${why}.`, 1);
}
process.stdout.write(`Waymark is running at ${server.url}#${TOKEN_FRAGMENT_KEY}=${server.token}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await server.close();
    await engine.session.close();
  } finally {
    await engine.terminate();
    process.exit(0);
  }
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
