import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../preload/contract';
import { dispatch } from '../ipc/dispatch';
import type { Services } from '../ipc/handlers';
import { isTrustedSender } from './security';

/** One ipcMain.handle per contract channel; every call is sender-checked before it is dispatched. */
export function registerIpc(ipcMain: IpcMain, services: Services): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { code: 'forbidden', message: 'Request refused: it did not come from the app\u2019s own window.' } };
      }
      return dispatch(services, channel, input);
    });
  }
}
