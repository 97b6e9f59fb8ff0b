/** The vandalism watch (SEC-7): checks after each capture, alerts, clearing, and what explains a post. */
export { runChecksAfterCapture, type RunChecksOptions } from './run';
export { clearAlert } from './clear';
export { explainPost, listManualPosts, normalizePostId, recordManualPost } from './posts';
export { alertEmail, isPublishingBlocked, listAlerts, publishingBlock, type PublishingBlock } from './service';
export { composeEmail, itDirectors } from './email';
export { normalizeName } from './checks';
export type * from './types';
