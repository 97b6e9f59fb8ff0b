import { useState } from 'react';
import type { SiteDetail } from '../../preload/contract';
import { call } from '../api';
import { formatDate, FormError, today, useAction } from '../components/common';
import { CheckField, SelectField, TextArea, TextField } from '../components/Field';
import { useRegistry } from '../store/registry';
import { useSession } from '../store/session';

/**
 * Its form starts from the site as saved; the parent keys it by those values so a saved change
 * (or another site) starts a fresh form.
 *
 * SEC-1 terms reviews, SEC-2 two-factor, CMT-1 policy link: the per-site items the policy checks. */
export function SiteSecurity({ site }: { site: SiteDetail }) {
  const { people, applySite } = useRegistry();
  const canManage = useSession((s) => s.can('registry.manage'));
  const [twofa, setTwofa] = useState(site.twofaEnabled);
  const [linked, setLinked] = useState(site.policyLinked);
  const [policyUrl, setPolicyUrl] = useState(site.policyUrl ?? '');
  const urlError = linked && !/^https?:\/\/\S+$/i.test(policyUrl.trim()) ? 'Give the address where the policy is linked (https://…).' : null;
  const save = useAction(async () => {
    await applySite(await call('registry.sites.update', { id: site.id, patch: { twofaEnabled: twofa, policyLinked: linked, policyUrl: policyUrl.trim() || null } }));
    return 'Security settings saved.';
  });

  const [review, setReview] = useState({ reviewedOn: today(), reviewerId: '', outcome: 'acceptable', note: '' });
  const [touched, setTouched] = useState(false);
  const reviewErrors = {
    reviewer: review.reviewerId ? null : 'Choose who reviewed the terms.',
    note: review.outcome === 'it_consulted' && !review.note.trim() ? 'Say what IT advised.' : null,
  };
  const record = useAction(async () => {
    await applySite(await call('registry.terms.record', {
      siteId: site.id, reviewedOn: review.reviewedOn, reviewerId: Number(review.reviewerId),
      outcome: review.outcome as 'acceptable' | 'it_consulted', note: review.note,
    }));
    setReview({ reviewedOn: today(), reviewerId: '', outcome: 'acceptable', note: '' });
    setTouched(false);
    return 'Terms review recorded.';
  });

  return (
    <section className="card" aria-labelledby="security-title">
      <h2 id="security-title">Security and policy</h2>
      <form noValidate onSubmit={(e) => { e.preventDefault(); if (!urlError) void save.run(); }}>
        <fieldset disabled={!canManage}>
          <legend className="sr-only">Security settings</legend>
          <CheckField label="Two-factor authentication is on (SEC-2)" checked={twofa} onChange={setTwofa} />
          <CheckField label="Civility and Acceptable Use Policy is linked on the site (CMT-1)" checked={linked} onChange={setLinked} />
          {linked ? <TextField label="Where it is linked" type="url" value={policyUrl} onChange={setPolicyUrl} error={urlError} /> : null}
          {canManage ? <button type="submit" disabled={save.busy}>Save</button> : null}
        </fieldset>
        <FormError error={save.error} />
      </form>
      <h3>Terms of service reviews (SEC-1)</h3>
      {site.termsReviews.length === 0 ? <p>Never reviewed.</p> : (
        <ul className="plain">
          {site.termsReviews.slice(0, 5).map((t) => (
            <li key={t.id}>{formatDate(t.reviewedOn)}: {t.reviewerName}, {t.outcome === 'acceptable' ? 'terms acceptable' : 'IT consulted'}{t.note ? ` (${t.note})` : ''}</li>
          ))}
        </ul>
      )}
      {canManage ? (
        <form noValidate onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!Object.values(reviewErrors).some(Boolean)) void record.run();
        }}>
          <TextField label="Reviewed on" type="date" value={review.reviewedOn} onChange={(v) => setReview((r) => ({ ...r, reviewedOn: v }))} />
          <SelectField label="Reviewed by" value={review.reviewerId} onChange={(v) => setReview((r) => ({ ...r, reviewerId: v }))} placeholder="Choose…"
            error={touched ? reviewErrors.reviewer : null} options={people.filter((p) => p.active).map((p) => ({ value: String(p.id), label: p.name }))} />
          <SelectField label="Outcome" value={review.outcome} onChange={(v) => setReview((r) => ({ ...r, outcome: v }))}
            options={[{ value: 'acceptable', label: 'Terms and privacy terms are acceptable' }, { value: 'it_consulted', label: 'Not reasonable: IT was consulted' }]} />
          <TextArea label="Note" value={review.note} onChange={(v) => setReview((r) => ({ ...r, note: v }))} error={touched ? reviewErrors.note : null} />
          <button type="submit" disabled={record.busy}>Record review</button>
          <FormError error={record.error} />
        </form>
      ) : null}
    </section>
  );
}
