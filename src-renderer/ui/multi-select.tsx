// Choosing several of a list (a product's categories): the chosen ones as removable chips, the rest as a
// searchable list of checkboxes. A fieldset with a legend, so it reads as one control.
import { useId, useMemo, useState } from 'react';
import { Icon } from './icons';
import './multi-select.css';

export interface MultiOption {
  value: number;
  label: string;
  hint?: string;
}

export function MultiSelectField({
  legend,
  options,
  value,
  onChange,
  hint,
  emptyText,
  error,
  testId,
}: {
  legend: string;
  options: MultiOption[];
  value: number[];
  onChange: (value: number[]) => void;
  hint?: string;
  emptyText: string;
  error?: string;
  testId: string;
}) {
  const [search, setSearch] = useState('');
  const hintId = useId();
  const chosen = new Set(value);
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q ? options.filter((o) => o.label.toLowerCase().includes(q)) : options;
  }, [options, search]);
  const toggle = (v: number) => onChange(chosen.has(v) ? value.filter((x) => x !== v) : [...value, v]);

  return (
    <fieldset className="field multi-select" data-testid={testId} aria-describedby={hint ? hintId : undefined}>
      <legend className="field-label">{legend}</legend>
      {value.length > 0 && (
        <div className="chips multi-chips">
          {value.map((v) => (
            <span key={v} className="chip chip-removable">
              {byValue.get(v)?.label ?? `#${v}`}
              <button type="button" className="chip-remove" aria-label={`Remove ${byValue.get(v)?.label ?? v}`} onClick={() => toggle(v)}>
                <Icon name="x" size={11} />
              </button>
            </span>
          ))}
        </div>
      )}
      {options.length === 0 ? (
        <p className="field-hint">{emptyText}</p>
      ) : (
        <div className="multi-box">
          {options.length > 8 && (
            <div className="search-input multi-search">
              <Icon name="search" />
              <input className="input" type="search" placeholder={`Filter ${legend.toLowerCase()}…`} aria-label={`Filter ${legend.toLowerCase()}`} value={search} onChange={(e) => setSearch(e.target.value)} />
            </div>
          )}
          <div className="multi-options" role="group" aria-label={legend}>
            {shown.map((o) => (
              <label key={o.value} className="multi-option">
                <input type="checkbox" className="checkbox" checked={chosen.has(o.value)} onChange={() => toggle(o.value)} data-testid={`${testId}-option-${o.value}`} />
                <span className="multi-label">{o.label}</span>
                {o.hint && <span className="multi-hint">{o.hint}</span>}
              </label>
            ))}
            {shown.length === 0 && <p className="field-hint multi-none">Nothing matches “{search}”.</p>}
          </div>
        </div>
      )}
      {hint && !error && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
