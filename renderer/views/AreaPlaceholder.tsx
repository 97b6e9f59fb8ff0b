import { EmptyState } from '../components/common';
import type { Area } from '../store/ui';

/** What each area not yet built will hold, said plainly: these areas have no data source yet. */
const TEXT: Partial<Record<Area, { title: string; body: string }>> = {
  submissions: { title: 'No submissions yet', body: 'Content that Department Directors and Designees submit for publishing (CNT-1) will wait here for review. Submitting is not available in this release.' },
  records: { title: 'No records requests', body: 'Public records requests and their exports for the City Clerk (REC-5) will be handled here. This is not available in this release.' },
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
