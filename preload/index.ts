import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './api';

// The whole bridge: one frozen object of typed functions, each bound to one contract channel.
contextBridge.exposeInMainWorld('civicdesk', createApi((channel, input) => ipcRenderer.invoke(channel, input)));
