// The date-range picker of the statistics: a button showing the period, opening a panel with the presets
// (last 30 days, this / last month, last 3 / 12 months, year to date) and a custom range checked with the
// statistics' own schema (from <= to, at most about ten years) before it is applied.
import { useEffect, useId, useRef, useState } from 'react';
import { errorText } from './fields';
import { Icon } from './icons';
import { RANGE_PRESETS, describeRange, presetSelection, type PresetId, type RangeSelection } from './date-range-presets';
import { rangeProblems } from './range-problems';
import { Form } from './form';
import './range-picker.css';

export function RangePicker({ value, today, onChange, testId = 'range-picker' }: { value: RangeSelection; today: string; onChange: (range: RangeSelection) => void; testId?: string }) {
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  const [tried, setTried] = useState(false);
  const panelId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    setFrom(value.from);
    setTo(value.to);
    setTried(false);
    const onDown = (e: MouseEvent) => {
      if (!wrapRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, value.from, value.to]);

  const problems = rangeProblems({ from, to });
  const choose = (preset: PresetId) => {
    onChange(presetSelection(preset, today));
    setOpen(false);
    buttonRef.current?.focus();
  };
  const apply = () => {
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    onChange({ preset: 'custom', from, to });
    setOpen(false);
    buttonRef.current?.focus();
  };
  const label = value.preset === 'custom' ? 'Custom range' : RANGE_PRESETS.find((p) => p.id === value.preset)?.label;
  const fromError = tried || from !== value.from ? problems.from?.[0] : undefined;
  const toError = tried || to !== value.to ? problems.to?.[0] : undefined;

  return (
    <div className="range-picker" ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className="btn range-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
      >
        <Icon name="calendar" />
        <span className="range-label">{label}</span>
        <span className="range-days" data-testid={`${testId}-days`}>
          {describeRange(value)}
        </span>
        <Icon name="chevronDown" size={13} />
      </button>
      {open && (
        <div className="range-panel" role="dialog" aria-label="Date range" id={panelId}>
          <ul className="range-presets" role="list">
            {RANGE_PRESETS.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={`range-preset${value.preset === p.id ? ' is-active' : ''}`}
                  aria-pressed={value.preset === p.id}
                  onClick={() => choose(p.id)}
                  data-testid={`range-${p.id}`}
                  autoFocus={value.preset === p.id}
                >
                  {p.label}
                  <span className="range-preset-days">{describeRange(presetSelection(p.id, today))}</span>
                </button>
              </li>
            ))}
          </ul>
          <Form className="range-custom" noValidate onSubmit={apply}>
            <div className="range-custom-title">Custom range</div>
            <div className="range-fields">
              <label className="field">
                <span className="field-label">From</span>
                <input className="input" type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} aria-invalid={fromError ? true : undefined} data-testid="range-from" />
              </label>
              <label className="field">
                <span className="field-label">To</span>
                <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={toError ? true : undefined} data-testid="range-to" />
              </label>
            </div>
            {(fromError || toError) && (
              <p className="field-error" role="alert" data-testid="range-error">
                {fromError ? errorText('From', fromError) : errorText('To', toError ?? '')}
              </p>
            )}
            <button type="submit" className="btn btn-primary btn-small" data-testid="range-apply">
              Apply
            </button>
          </Form>
        </div>
      )}
    </div>
  );
}
