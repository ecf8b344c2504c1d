import { contextBridge, ipcRenderer } from 'electron';

/**
 * The whole surface the renderer gets: one call, one event subscription. Channel names live here
 * and in electron/ipc.ts only.
 */
const api = {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('caredesk:call', name, input),
  on: (event: string, callback: (payload: unknown) => void): (() => void) => {
    const listener = (_e: unknown, envelope: { name: string; payload: unknown }) => {
      if (envelope.name === event) callback(envelope.payload);
    };
    ipcRenderer.on('caredesk:event', listener);
    ipcRenderer.send('caredesk:ready');
    return () => ipcRenderer.removeListener('caredesk:event', listener);
  },
};

contextBridge.exposeInMainWorld('caredesk', api);
