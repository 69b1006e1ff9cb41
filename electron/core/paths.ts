import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Waymark';
export const DEFAULT_WORKSPACE_FILE = 'workspace.waymark';

/** The per-user data folder, the same one Electron's app.getPath('userData') gives for an app named Waymark. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_NAME);
}

export function defaultWorkspacePath(): string {
  return path.join(userDataDir(), DEFAULT_WORKSPACE_FILE);
}
