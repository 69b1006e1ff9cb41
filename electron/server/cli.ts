/**
 * `node electron/server/cli.ts [--workspace FILE] [--port N] [--host H] [--no-sample] [--allow-remote]`
 * (what `npm run web -- …` runs after building). Prints one line with the URL and its token.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TOKEN_FRAGMENT_KEY } from '../api/bridge.ts';
import { WaymarkError } from '../api/errors.ts';
import { Backups, defaultBackupsDir } from '../core/backups.ts';
import { defaultWorkspacePath } from '../core/paths.ts';
import { Workspace } from '../core/workspace.ts';
import { startServer } from './server.ts';

const USAGE = 'usage: npm run web -- [--workspace FILE] [--port N] [--host 127.0.0.1] [--no-sample] [--allow-remote]';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
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
  fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
}
if (args.help) fail(USAGE, 0);
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535.\n${USAGE}`, 2);
if (!LOOPBACK.has(args.host) && !args['allow-remote']) {
  fail(`Refusing to listen on ${args.host}: anyone who can reach it could use the workspace. Add --allow-remote if you mean it.`, 2);
}

const file = path.resolve(args.workspace ?? defaultWorkspacePath());
if (!args.workspace) fs.mkdirSync(path.dirname(file), { recursive: true });

let workspace: Workspace;
try {
  workspace = Workspace.open(file, { sample: !args['no-sample'] });
} catch (error) {
  const reason = error instanceof WaymarkError ? error.message : `Cannot open the workspace "${file}": ${String(error)}`;
  fail(`${reason}\n${waysOut(file)}`, 1);
}

/** What a person can do next: open another file, or start again from one of this workspace's backups. */
function waysOut(workspace: string): string {
  const backups = new Backups(defaultBackupsDir(workspace), () => new Date(), Number.MAX_SAFE_INTEGER).list();
  const start = 'The file was not changed. To go on, open another workspace with --workspace FILE';
  if (backups.length === 0) return `${start}.`;
  const listed = backups.slice(0, 5).map((b) => `  ${path.join(defaultBackupsDir(workspace), b.id)}  (${b.reason}, ${b.createdAt})`);
  return [`${start}, or open a copy of one of its backups (newest first):`, ...listed].join('\n');
}

const server = await startServer({ workspace, port, host: args.host, ...(process.env.WAYMARK_TOKEN ? { token: process.env.WAYMARK_TOKEN } : {}) });
process.stdout.write(`Waymark is running at ${server.url}#${TOKEN_FRAGMENT_KEY}=${server.token}\n`);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  void server.close().finally(() => {
    workspace.close();
    process.exit(0);
  });
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
