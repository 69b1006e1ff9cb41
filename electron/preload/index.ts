import { contextBridge, ipcRenderer } from 'electron';
import { createBridge, createHostBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('waymark', createBridge(ipcRenderer));
contextBridge.exposeInMainWorld('waymarkHost', createHostBridge(ipcRenderer));
