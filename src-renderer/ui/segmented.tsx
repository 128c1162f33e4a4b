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
