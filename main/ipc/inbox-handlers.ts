import type { inboxContract } from '../../preload/contracts/inbox';
import { openArchiveForWriting } from '../capture/service';
import { openCredentialStore } from '../credentials/store';
import { act, undoLast, type ActDeps } from '../inbox/actions';
import { askColleague, consults, flagComment, recordAnswer, savedReplies } from '../inbox/collaboration';
import { activePolicy, learnedAdjustments, policyHistory, relearn, resetLearning } from '../inbox/policy-store';
import { consistencyReport, reportCsv } from '../inbox/report';
import { reportPdf } from '../inbox/report-pdf';
import { actionHistory, getInboxItem, inboxCounts, listInbox } from '../inbox/queue';
import { screenNewComments } from '../inbox/screening';
import { explainAdjustments } from '../moderation';
import { requireCapability } from '../registry/context';
import type { HandlersFor, Services } from './services';

/**
 * Acting on a platform needs the keychain (token, archive signing key). Handed over unopened, so
 * the action's own checks run first and a refused action opens (and creates) nothing.
 */
function deps(services: Services): () => Promise<ActDeps> {
  return async () => {
    const store = await openCredentialStore(services.workspace.id);
    const { archive } = await openArchiveForWriting(services.workspace, store, services.now);
    return { archive, store };
  };
}

export const inboxHandlers: HandlersFor<typeof inboxContract> = {
  'inbox.list': (ctx, i) => listInbox(ctx, i ?? {}),
  'inbox.counts': (ctx, i) => inboxCounts(ctx, i?.siteId),
  'inbox.item': (ctx, i) => {
    const item = getInboxItem(ctx.db, i.id);
    return { item, actions: actionHistory(ctx, item.id), consults: consults(ctx, item.id) };
  },
  'inbox.refresh': (ctx, _i, s) => {
    requireCapability(ctx, 'comment.flag', 'see the moderation inbox');
    return screenNewComments(s.workspace.db, s.now);
  },
  'inbox.act': (ctx, i, s) => act(ctx, deps(s), i),
  'inbox.undo': (ctx, i, s) => undoLast(ctx, deps(s), i.inboxId),
  'inbox.flag': (ctx, i) => flagComment(ctx, i),
  'inbox.consult': (ctx, i) => askColleague(ctx, i),
  'inbox.answer': (ctx, i) => recordAnswer(ctx, i),
  'inbox.savedReplies': (ctx) => savedReplies(ctx),
  'moderation.policy': (ctx) => {
    requireCapability(ctx, 'comment.flag', 'read the moderation policy');
    const policy = activePolicy(ctx.db);
    return {
      version: policy.version,
      history: policyHistory(ctx.db),
      clauses: Object.entries(policy.clauses).map(([label, c]) => ({ label, clause: c.clause, text: c.text })),
      learned: explainAdjustments(learnedAdjustments(ctx.db)),
    };
  },
  'moderation.learn': (ctx) => explainAdjustments(relearn(ctx)),
  'moderation.resetLearning': (ctx) => {
    resetLearning(ctx);
    return explainAdjustments(learnedAdjustments(ctx.db));
  },
  'moderation.report': async (ctx, i) => {
    const report = consistencyReport(ctx, { from: i.from, to: i.to, ...(i.sampleSize !== undefined ? { sampleSize: i.sampleSize } : {}) });
    // The range's end is exclusive: the file is named for the last day it covers.
    const lastDay = new Date(Date.parse(i.to) - 1).toISOString().slice(0, 10);
    const stem = `moderation-report-${new Date(i.from).toISOString().slice(0, 10)}-to-${lastDay}`;
    if (i.format === 'csv') return { report, fileName: `${stem}.csv`, mediaType: 'text/csv', dataBase64: Buffer.from(reportCsv(report), 'utf8').toString('base64') };
    if (i.format === 'pdf') return { report, fileName: `${stem}.pdf`, mediaType: 'application/pdf', dataBase64: Buffer.from(await reportPdf(report)).toString('base64') };
    return { report, fileName: null, mediaType: null, dataBase64: null };
  },
};
