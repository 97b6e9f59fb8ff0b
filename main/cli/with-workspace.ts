import { openWorkspace, type Workspace } from '../workspace/workspace';

/** Opens the workspace for one command and closes it whatever happens. */
export async function withWorkspace<T>(dataDir: string, fn: (ws: Workspace) => Promise<T> | T): Promise<T> {
  const ws = openWorkspace(dataDir);
  try {
    return await fn(ws);
  } finally {
    ws.close();
  }
}
