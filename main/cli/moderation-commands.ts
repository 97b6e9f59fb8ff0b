import { activePolicy, learnedAdjustments } from '../inbox/policy-store';
import { KALISPELL_POLICY, runScreen } from '../moderation';
import { openWorkspace, workspaceExists } from '../workspace/workspace';
import type { Command } from './main';

export const moderationCommands: Command[] = [
  {
    words: ['screen'],
    usage: 'screen [--json]   read comments as JSON lines {"id","post","text"} on stdin; write one verdict line each {"id","action","labels","evidence","confidence"}',
    options: {},
    async run({ dataDir, io }) {
      // The workspace's policy version and what it learned, when there is a workspace; else the seed.
      let policy = KALISPELL_POLICY;
      let learned;
      if (workspaceExists(dataDir)) {
        const ws = openWorkspace(dataDir);
        try {
          policy = activePolicy(ws.db);
          learned = learnedAdjustments(ws.db);
        } finally {
          ws.close();
        }
      }
      const out = io.stdout ?? process.stdout;
      const result = await runScreen(io.stdin ?? process.stdin, out, policy, learned);
      if (result.errors > 0) io.err(`civicdesk screen: ${result.errors} of ${result.lines} lines could not be read (see their "error" lines).`);
      return result.errors > 0 ? 1 : 0;
    },
  },
];
