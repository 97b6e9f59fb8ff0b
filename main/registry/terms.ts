import { inTransaction } from '../db/connection';
import { AppError } from '../shared/errors';
import { audit, isoNow, requireCapability, type DomainContext } from './context';
import { getPerson } from './people';
import { getSite, getSiteDetail } from './site-read';
import type { SiteDetail } from './types';

export interface TermsReviewInput {
  siteId: number;
  reviewedOn: string;
  reviewerId: number;
  outcome: 'acceptable' | 'it_consulted';
  note?: string;
}

/** SEC-1: who read the terms of service and privacy terms, when, and whether IT was consulted. */
export function recordTermsReview(ctx: DomainContext, input: TermsReviewInput): SiteDetail {
  requireCapability(ctx, 'registry.manage', 'record terms reviews');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.reviewedOn) || Number.isNaN(Date.parse(`${input.reviewedOn}T00:00:00Z`))) {
    throw new AppError('invalid_input', `"${input.reviewedOn}" is not a date (YYYY-MM-DD).`);
  }
  if (input.reviewedOn > ctx.now().toISOString().slice(0, 10)) throw new AppError('invalid_input', 'A review cannot be dated in the future.');
  if (input.outcome === 'it_consulted' && !input.note?.trim()) {
    throw new AppError('invalid_input', 'Say what IT advised when the terms did not seem reasonable.');
  }
  return inTransaction(ctx.db, () => {
    const site = getSite(ctx, input.siteId);
    const reviewer = getPerson(ctx, input.reviewerId);
    const id = Number(ctx.db.prepare(
      `INSERT INTO terms_reviews (site_id, reviewed_on, reviewer_id, outcome, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(site.id, input.reviewedOn, reviewer.id, input.outcome, input.note?.trim() ?? '', isoNow(ctx)).lastInsertRowid);
    audit(ctx, 'terms_review.record', 'site', site.id, null,
      { termsReviewId: id, reviewedOn: input.reviewedOn, reviewer: reviewer.name, outcome: input.outcome });
    return getSiteDetail(ctx, site.id);
  });
}
