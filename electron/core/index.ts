/** The workspace engine's public face for hosts: what electron/main and electron/server may import. */
export { Workspace, type CallMeta, type OpenOptions } from './workspace.ts';
export { WorkspaceSession, type OpenRequest, type SessionApi } from './session.ts';
export { Backups, defaultBackupsDir } from './backups.ts';
export { defaultWorkspacePath, userDataDir, DEFAULT_WORKSPACE_FILE } from './paths.ts';
export { inspectWorkspaceFile } from './database.ts';
export { startEngineThread, type EngineThread, type EngineThreadOptions } from './engine/thread.ts';
export { RemoteSession } from './engine/remote.ts';
export { serveSession } from './engine/serve.ts';
export type { PortLike } from './engine/protocol.ts';
