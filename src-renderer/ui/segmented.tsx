// A small one-of-n switch for toolbars (route filter, active / inactive, chart currency), as a radio group.
import './segmented.css';

export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  testIdPrefix,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
  testIdPrefix: string;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          className={`segment${value === o.value ? ' is-active' : ''}`}
          onClick={() => onChange(o.value)}
          data-testid={`${testIdPrefix}-${o.value}`}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** A review queue's filter: the items waiting for a decision, or all of them (`allLabel`: "All listings"). */
export function WaitingOrAll({ value, onChange, allLabel, testIdPrefix }: { value: 'pending' | 'all'; onChange: (value: 'pending' | 'all') => void; allLabel: string; testIdPrefix: string }) {
  const options: { value: 'pending' | 'all'; label: string }[] = [
    { value: 'pending', label: 'Waiting' },
    { value: 'all', label: allLabel },
  ];
  return <Segmented value={value} onChange={onChange} options={options} label="Show" testIdPrefix={testIdPrefix} />;
}
