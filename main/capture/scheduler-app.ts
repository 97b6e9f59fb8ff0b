import { openCredentialStore } from '../credentials/store';
import type { Workspace } from '../workspace/workspace';
import { startDemoPlatforms } from './demo-platforms';
import { CaptureCoordinator } from './scheduler';

export interface AppCapture {
  coordinator: CaptureCoordinator;
  /** Resolves once the demo platforms (if any) are up and the schedule runs. */
  ready: Promise<void>;
  /** Stops the schedule and any capture (between batches), then the demo platforms. */
  dispose(): Promise<void>;
}

/**
 * Capture as the app runs it (Electron main and `npm run web` alike): one coordinator, the demo
 * workspace's simulated platforms when it is the demo, and the schedule. Nothing here may stop the
 * app from opening: a missing keychain becomes a problem the Archive view shows, not a crash.
 */
export function startAppCapture(ws: Workspace, options: { now?: () => Date; notify?: (n: { title: string; body: string }) => void } = {}): AppCapture {
  const now = options.now ?? (() => new Date());
  const coordinator = new CaptureCoordinator({ workspace: ws, now, ...(options.notify ? { notify: options.notify } : {}) });
  const demo = ws.demo
    ? openCredentialStore(ws.id).then((store) => startDemoPlatforms(ws, store, now)).catch((err: unknown) => {
      coordinator.noteProblem(`The demo's simulated platforms could not start, so the demo sites cannot be captured: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    })
    : Promise.resolve(null);
  // The schedule starts after the demo has connected its sites, so its first look sees them.
  const ready = demo.then(() => coordinator.startSchedule());
  return {
    coordinator,
    ready,
    async dispose() {
      await coordinator.dispose();
      await (await demo)?.close();
    },
  };
}
