// The sandboxed preload (bundled to CommonJS): exposes window.emerald and nothing else, never ipcRenderer or process.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('emerald', createBridge(ipcRenderer));
