// Figures that do not match the chosen filter say so: while a new range (or "Include demo data") loads, the
// old figures stay readable but dimmed, under a line naming what they are and what is coming. Nothing on
// screen ever silently claims to be the new range.
import type { ReactNode } from 'react';
import { Spinner } from './states';
import './stale-cue.css';

export function StaleCue({ stale, shown, wanted, failed, onRetry, children, testId = 'stale-cue' }: {
  /** The figures on screen are not those of the chosen filter. */
  stale: boolean;
  /** What the figures on screen are ("1 Nov – 30 Nov 2026"). */
  shown: string;
  /** What was chosen. */
  wanted: string;
  /** Loading the chosen filter failed (its message). */
  failed?: string | null;
  onRetry?: () => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className={stale ? 'stale-wrap is-stale' : 'stale-wrap'} data-stale={stale ? 'true' : 'false'}>
      {stale && (
        <div className={`stale-cue${failed ? ' is-failed' : ''}`} role="status" data-testid={testId}>
          {failed ? (
            <>
              <span>
                Still showing {shown}: {wanted} could not be loaded ({failed}).
              </span>
              {onRetry && (
                <button type="button" className="btn btn-small" onClick={onRetry}>
                  Try again
                </button>
              )}
            </>
          ) : (
            <>
              <Spinner size={13} />
              <span>
                Showing {shown} while {wanted} loads…
              </span>
            </>
          )}
        </div>
      )}
      <div className="stale-body" aria-busy={stale && !failed ? true : undefined}>
        {children}
      </div>
    </div>
  );
}
