import { EmptyState } from '../components/common';
import type { Area } from '../store/ui';

/** What each area will hold, said plainly: these areas have no data source in this release. */
const TEXT: Partial<Record<Area, { title: string; body: string }>> = {
  submissions: { title: 'No submissions yet', body: 'Content that Department Directors and Designees submit for publishing (CNT-1) will wait here for review. Submitting is not available in this release.' },
  moderation: { title: 'Nothing to moderate yet', body: 'Public comments captured from the city\u2019s sites will be screened against the Civility and Acceptable Use Policy here. Capture and screening are not available in this release.' },
  archive: { title: 'The archive is empty', body: 'Everything posted on the city\u2019s sites will be kept here as a tamper-evident public record (REC-1, REC-3). Capture is not available in this release.' },
  records: { title: 'No records requests', body: 'Public records requests and their exports for the City Clerk (REC-5) will be handled here. This is not available in this release.' },
  vault: { title: 'The vault is empty', body: 'Site logins, 2FA codes and API tokens will be kept in the operating system keychain and shown here. This is not available in this release; Settings shows whether the keychain is ready.' },
};

export function AreaPlaceholder({ area, title }: { area: Area; title: string }) {
  const text = TEXT[area];
  return (
    <section className="view">
      <header className="view-head"><h1>{title}</h1></header>
      <EmptyState title={text?.title ?? 'Nothing here yet'}><p>{text?.body}</p></EmptyState>
    </section>
  );
}
