// The frame of a platform operator's review queue (App review, Logistics review): the page, its header and the
// filter between what waits for a decision and everything; the queue and its dialogs are the caller's.
import type { ReactNode } from 'react';
import { PageHeader } from './page';
import { WaitingOrAll } from './segmented';

export function ReviewQueuePage({
  title,
  subtitle,
  filter,
  onFilter,
  allLabel,
  testId,
  filterTestIdPrefix,
  children,
}: {
  title: string;
  subtitle: string;
  filter: 'pending' | 'all';
  onFilter: (filter: 'pending' | 'all') => void;
  /** The filter's second choice ("All listings"). */
  allLabel: string;
  testId: string;
  filterTestIdPrefix: string;
  children: ReactNode;
}) {
  return (
    <div className="page" data-testid={testId}>
      <PageHeader title={title} subtitle={subtitle} actions={<WaitingOrAll value={filter} onChange={onFilter} allLabel={allLabel} testIdPrefix={filterTestIdPrefix} />} />
      {children}
    </div>
  );
}
