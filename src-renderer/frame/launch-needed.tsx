// Browser mode without a session: the console opens only from the one-time link `partnerdeck console` makes, so
// that nothing else on this computer can drive it (docs/architecture.md, Security model). Says why this tab has
// no session and what to do, and takes a new link right here (typed work under it stays). Also carries on by
// itself when another tab of this console opens a new link (`onResume` is called from main.tsx then).
import { useState, type FormEvent } from 'react';
import { launchTokenOf, type LockedReason } from '../api/browser-session';
import { Icon } from '../ui/icons';
import { EmptyState } from '../ui/states';
import './launch-needed.css';

const REASONS: Record<LockedReason, { title: string; body: string }> = {
  'no-link': {
    title: 'This PartnerDeck console needs its launch link',
    body: 'For your safety the console opens only from a link that the partnerdeck console command makes for one use.',
  },
  'link-used': {
    title: 'This launch link was already used or has expired',
    body: 'A launch link opens the console once, within 5 minutes, so a copy of it is useless to anybody else.',
  },
  ended: {
    title: 'This console session has ended',
    body: 'PartnerDeck was stopped or restarted since this tab opened it. What you typed is still here: open a new link and carry on.',
  },
  unreachable: {
    title: 'PartnerDeck is not answering',
    body: 'The console that made this link is not running any more.',
  },
};

export function LaunchNeeded({ reason, onLink, overlay = false }: { reason: LockedReason; onLink(token: string): Promise<string | null>; overlay?: boolean }) {
  const text = REASONS[reason];
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const hash = link.trim().replace(/^[^#]*/, '');
    const token = launchTokenOf(hash);
    if (!token) {
      setProblem('Paste the whole link, e.g. http://127.0.0.1:4100/#launch=…');
      return;
    }
    setBusy(true);
    const failed = await onLink(token);
    setBusy(false);
    setProblem(failed);
  }

  return (
    <div className={overlay ? 'launch-needed launch-needed-overlay' : 'launch-needed'} data-testid="launch-needed" data-reason={reason} role={overlay ? 'alertdialog' : undefined} aria-modal={overlay || undefined} aria-labelledby="launch-needed-title">
      <EmptyState icon="lock" tone="locked" title={text.title}>
        <p>{text.body}</p>
        <p>
          In the terminal where <code>partnerdeck console</code> runs, type <kbd>o</kbd> and Enter to open the console in a new tab (this tab carries on
          too), or <kbd>u</kbd> and Enter for a new link to paste here. If it is not running, start it again.
        </p>
        <form className="launch-form" onSubmit={(event) => void submit(event)}>
          <label htmlFor="launch-link">New launch link</label>
          <div className="launch-form-row">
            <input
              id="launch-link"
              className="input"
              data-testid="launch-link-input"
              value={link}
              onChange={(event) => setLink(event.target.value)}
              placeholder="http://127.0.0.1:…/#launch=…"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={problem !== null}
              aria-describedby={problem ? 'launch-link-problem' : undefined}
            />
            <button type="submit" className="btn btn-primary" disabled={busy || link.trim() === ''}>
              <Icon name="key" /> Open
            </button>
          </div>
          {problem && (
            <p className="field-error" id="launch-link-problem" role="alert">
              {problem}
            </p>
          )}
        </form>
      </EmptyState>
    </div>
  );
}
