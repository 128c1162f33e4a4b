// The platform clock (spec §9): platform time beside real time, and buttons that move it forward (+1 min,
// +1 h, +1 day, or a typed duration) so a demo walks a 48-hour retry schedule in seconds. What falls due
// runs on the platform at once; the screens update through pushed events.
import { useEffect, useId, useMemo, useState } from 'react';
import { clockDurationSchema } from '../../src-shared/api/areas/webhooks';
import { formatDuration } from '../../src-shared/domain/durations';
import { useCapabilities } from '../state/use-capabilities';
import { platformPlace } from './platform-place';
import { useActions, useApp } from '../state/store-context';
import { formatDateTime } from '../ui/format';
import { Icon } from '../ui/icons';
import { useAction } from '../ui/use-action';
import { Form } from '../ui/form';
import './clock-control.css';

const STEPS: { label: string; duration: string }[] = [
  { label: '+1 min', duration: '1m' },
  { label: '+1 h', duration: '1h' },
  { label: '+1 day', duration: '1d' },
];

const CLOCK_LOCKED = "Only the platform operator or a partner's administrator can move the platform clock: it is every company's time.";
const TEAM_CLOCK_LOCKED = "On a team server the platform clock is every team's time: only the platform operator moves it (or the server's administrator with `partnerdeck clock advance`).";

/** Platform time now, ticking: real time plus the clock's offset. */
export function usePlatformNow(): number | null {
  const offset = useApp((s) => s.webhooks.clock.data?.offsetMs ?? null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return offset === null ? null : now + offset;
}

export function ClockControl({ compact = false }: { compact?: boolean }) {
  const clock = useApp((s) => s.webhooks.clock);
  const actions = useActions();
  const platformNow = usePlatformNow();
  const [custom, setCustom] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const advance = useAction(
    async (duration: string, label: string) => {
      const moved = await actions.advanceClock(duration);
      actions.toast('success', `Clock moved ${label} forward`, `Platform time is now ${formatDateTime(moved.now)}.`);
      setCustom(null);
    },
    { onError: (e) => setError(e instanceof Error ? e.message : String(e)) },
  );
  const busy = advance.busy;
  const inputId = useId();
  const { moveClock } = useCapabilities();
  const { team } = useMemo(() => platformPlace(), []);

  useEffect(() => {
    if (clock.status === 'idle') void actions.loadClock();
  }, [clock.status, actions]);

  const move = async (duration: string) => {
    const parsed = clockDurationSchema.safeParse(duration);
    if (!parsed.success) {
      setError(`Duration ${parsed.error.issues[0].message}`);
      return;
    }
    setError(null);
    await advance.run(duration, formatDuration(parsed.data));
  };

  const offset = clock.data?.offsetMs ?? 0;
  return (
    <div className={`clock-control${compact ? ' is-compact' : ''}`} data-testid="clock-control">
      <div className="clock-readout" title="Platform time drives retries, deactivations and month close. It only moves forward.">
        <Icon name="clock" size={15} />
        <span className="clock-time" data-testid="clock-now">
          {platformNow === null ? '…' : formatDateTime(new Date(platformNow).toISOString())}
        </span>
        {offset > 0 ? (
          <span className="badge badge-pending" data-testid="clock-offset">
            +{formatDuration(offset)}
          </span>
        ) : (
          <span className="badge" data-testid="clock-offset">
            real time
          </span>
        )}
      </div>
      {!moveClock ? (
        <span className="clock-locked" data-testid="clock-locked" title={team ? TEAM_CLOCK_LOCKED : CLOCK_LOCKED}>
          <Icon name="lock" size={13} /> <span className="sr-only">{team ? TEAM_CLOCK_LOCKED : CLOCK_LOCKED}</span>
          <span aria-hidden="true">{team ? 'Every team’s clock: the platform operator moves it' : 'Operator or partner admin moves it'}</span>
        </span>
      ) : (
        <div className="clock-buttons" role="group" aria-label="Move the platform clock forward">
          {STEPS.map((step) => (
            <button key={step.duration} type="button" className="btn btn-small" disabled={busy} onClick={() => void move(step.duration)} data-testid={`clock-advance-${step.duration}`}>
              {step.label}
            </button>
          ))}
          <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => setCustom(custom === null ? '' : null)} aria-expanded={custom !== null} data-testid="clock-custom">
            Custom…
          </button>
        </div>
      )}
      {moveClock && custom !== null && (
        <Form className="clock-custom" onSubmit={() => move(custom)}>
          <label htmlFor={inputId} className="sr-only">
            Duration
          </label>
          <input
            id={inputId}
            className="input"
            value={custom}
            autoFocus
            placeholder="e.g. 90s, 15m, 2h, 3d, 1h30m"
            aria-invalid={error !== null}
            onChange={(e) => {
              setCustom(e.target.value);
              setError(null);
            }}
            data-testid="clock-custom-input"
          />
          <button type="submit" className="btn btn-small btn-primary" disabled={busy} data-testid="clock-custom-submit">
            Move forward
          </button>
        </Form>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="clock-error">
          {error}
        </p>
      )}
    </div>
  );
}
