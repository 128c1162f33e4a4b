// Repeated notices collapse to one line with a count: 297 "X is a sample company" banners become "297 sample
// companies are never billed" with a Show button that lists them (in a box that scrolls, so the page below
// stays where it is). A notice that occurs once is shown as it is.
import { useState, type ReactNode } from 'react';
import { Callout } from './states';
import './notice-groups.css';

export interface Notice {
  /** Notices of one kind are grouped. */
  kind: string;
  message: string;
}

export interface NoticeGroup {
  kind: string;
  /** The notices of the kind, in their original order. */
  messages: string[];
}

/** Notices grouped by kind, in the order each kind first occurs. */
export function groupNotices(notices: readonly Notice[]): NoticeGroup[] {
  const groups = new Map<string, string[]>();
  for (const n of notices) {
    const messages = groups.get(n.kind) ?? [];
    messages.push(n.message);
    groups.set(n.kind, messages);
  }
  return [...groups].map(([kind, messages]) => ({ kind, messages }));
}

export function NoticeGroups({
  notices,
  summary,
  tone,
  testIdPrefix,
}: {
  notices: readonly Notice[];
  /** The one line for `count` (> 1) notices of a kind. */
  summary(kind: string, count: number): ReactNode;
  tone(kind: string): 'info' | 'warning' | 'danger' | 'sample';
  testIdPrefix: string;
}) {
  return (
    <>
      {groupNotices(notices).map((g) =>
        g.messages.length === 1 ? (
          <Callout key={g.kind} tone={tone(g.kind)} testId={`${testIdPrefix}-${g.kind}`}>
            {g.messages[0]}
          </Callout>
        ) : (
          <CollapsedNotice key={g.kind} group={g} tone={tone(g.kind)} summary={summary(g.kind, g.messages.length)} testId={`${testIdPrefix}-${g.kind}`} />
        ),
      )}
    </>
  );
}

function CollapsedNotice({ group, tone, summary, testId }: { group: NoticeGroup; tone: 'info' | 'warning' | 'danger' | 'sample'; summary: ReactNode; testId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Callout tone={tone} testId={testId}>
      <div className="notice-group-line">
        <span data-testid={`${testId}-summary`}>{summary}</span>
        <button type="button" className="btn btn-ghost btn-small notice-group-toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid={`${testId}-toggle`}>
          {open ? 'Hide' : `Show all ${group.messages.length.toLocaleString('en-US')}`}
        </button>
      </div>
      {open && (
        <ul className="notice-group-list" data-testid={`${testId}-list`}>
          {group.messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </Callout>
  );
}
