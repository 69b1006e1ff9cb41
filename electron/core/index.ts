/** The workspace engine's public face for hosts. */
export { Workspace, type OpenOptions } from './workspace.ts';
export { defaultWorkspacePath, userDataDir } from './paths.ts';
