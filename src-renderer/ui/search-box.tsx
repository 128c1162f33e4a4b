// The toolbar's search field: typing is debounced before it filters (the list keeps its rows meanwhile),
// and "/" focuses it from anywhere on the page, as in many admin tools.
import { useEffect, useRef, useState } from 'react';
import { Icon } from './icons';
import './search-box.css';

export function SearchBox({
  value,
  onSearch,
  placeholder,
  label,
  testId,
  delayMs = 200,
}: {
  value: string;
  onSearch: (value: string) => void;
  placeholder: string;
  label: string;
  testId: string;
  delayMs?: number;
}) {
  const [text, setText] = useState(value);
  const ref = useRef<HTMLInputElement>(null);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;

  // A filter cleared elsewhere ("Clear filters") empties the box too.
  const shown = useRef(value);
  useEffect(() => {
    if (value !== shown.current) {
      shown.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text === shown.current) return;
    const t = setTimeout(() => {
      shown.current = text;
      onSearchRef.current(text);
    }, delayMs);
    return () => clearTimeout(t);
  }, [text, delayMs]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && target && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && !document.querySelector('[aria-modal="true"]')) {
        e.preventDefault();
        ref.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="search-input toolbar-search">
      <Icon name="search" />
      <input ref={ref} className="input" type="search" placeholder={placeholder} aria-label={label} value={text} onChange={(e) => setText(e.target.value)} data-testid={testId} />
      <kbd className="kbd search-kbd">/</kbd>
    </div>
  );
}

/** A compact labelled select for a toolbar filter ("Status: Any"). */
export function FilterSelect<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
  testId: string;
}) {
  return (
    <label className={`filter-select${options[0]?.value !== value ? ' is-set' : ''}`}>
      <span className="filter-select-label">{label}</span>
      <select className="filter-select-input" value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Icon name="chevronDown" size={13} className="icon filter-select-icon" />
    </label>
  );
}

/** The toolbar's "Status" filter: Any, then each status with its label; Any clears the filter. */
export function StatusFilter<T extends string>({
  statuses,
  labelOf,
  value,
  onChange,
}: {
  statuses: readonly T[];
  labelOf: (status: T) => string;
  value: T | undefined;
  onChange: (status: T | undefined) => void;
}) {
  return (
    <FilterSelect<T | ''>
      label="Status"
      value={value ?? ''}
      onChange={(status) => onChange(status === '' ? undefined : status)}
      options={[{ value: '', label: 'Any' }, ...statuses.map((s) => ({ value: s, label: labelOf(s) }))]}
      testId="filter-status"
    />
  );
}
