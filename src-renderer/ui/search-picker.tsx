// Picking one of many (a customer for an order, a product for a line) by typing: an ARIA combobox whose
// options come from the server as you type (debounced), navigable with the arrow keys, Enter to choose; and
// PickedValue, what was picked, with Change.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Icon } from './icons';
import { Spinner } from './states';
import './search-picker.css';

export interface PickerOption<T> {
  key: string | number;
  label: string;
  sub?: ReactNode;
  value: T;
  disabled?: boolean;
}

export function SearchPicker<T>({
  label,
  placeholder,
  search,
  onPick,
  error,
  hint,
  testId,
  inputId,
  autoFocus,
  field,
  formId,
}: {
  label: string;
  placeholder: string;
  /** Options for what was typed (also called with '' when the list opens on a click or the down arrow). */
  search: (text: string) => Promise<PickerOption<T>[]>;
  onPick: (value: T) => void;
  error?: string;
  hint?: ReactNode;
  testId: string;
  inputId?: string;
  autoFocus?: boolean;
  /** For focusing the first error on submit (useForm). */
  field?: string;
  formId?: string;
}) {
  const ownId = useId();
  const id = inputId ?? ownId;
  const listId = `${id}-list`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<PickerOption<T>[]>([]);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const searchRef = useRef(search);
  searchRef.current = search;
  const wrapRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setBusy(true);
    const t = setTimeout(() => {
      searchRef
        .current(text)
        .then((found) => {
          if (!live) return;
          setOptions(found);
          setActive(found.findIndex((o) => !o.disabled));
        })
        .catch(() => live && setOptions([]))
        .finally(() => live && setBusy(false));
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text, open]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!wrapRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const pick = (option: PickerOption<T> | undefined) => {
    if (!option || option.disabled) return;
    onPick(option.value);
    setText('');
    setOpen(false);
  };

  const move = (delta: number) => {
    if (options.length === 0) return;
    let next = active;
    for (let i = 0; i < options.length; i++) {
      next = (next + delta + options.length) % options.length;
      if (!options[next].disabled) break;
    }
    setActive(next);
    document.getElementById(`${listId}-${next}`)?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <div className="field picker" ref={wrapRef}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="search-input picker-input">
        <Icon name="search" />
        <input
          id={id}
          className="input"
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          placeholder={placeholder}
          value={text}
          autoComplete="off"
          autoFocus={autoFocus}
          data-testid={testId}
          data-form={formId}
          data-field={field}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onClick={() => setOpen(true)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              if (!open) setOpen(true);
              else move(1);
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              move(-1);
            } else if (e.key === 'Enter') {
              if (open) {
                e.preventDefault();
                pick(options[active]);
              }
            } else if (e.key === 'Escape' && open) {
              e.stopPropagation();
              e.nativeEvent.stopImmediatePropagation();
              setOpen(false);
            }
          }}
        />
        {busy && open && <Spinner size={13} />}
      </div>
      {open && (
        <ul className="picker-list" role="listbox" id={listId} aria-label={label} data-testid={`${testId}-options`}>
          {options.length === 0 && !busy && <li className="picker-empty">{text ? `Nothing matches “${text}”.` : 'Nothing to choose yet.'}</li>}
          {options.map((o, i) => (
            <li
              key={o.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              aria-disabled={o.disabled || undefined}
              className={`picker-option${i === active ? ' is-active' : ''}${o.disabled ? ' is-disabled' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => !o.disabled && setActive(i)}
              onClick={() => pick(o)}
              data-testid={`${testId}-option`}
            >
              <span className="picker-label">{o.label}</span>
              {o.sub && <span className="picker-sub">{o.sub}</span>}
            </li>
          ))}
        </ul>
      )}
      {hint && !error && <p className="field-hint">{hint}</p>}
      {error && (
        <p className="field-error" role="alert" data-testid={`error-${field ?? testId}`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** What was picked with a SearchPicker, with Change to pick again (no `onChange`: it cannot be changed here). */
export function PickedValue({ icon, label, onChange, testId, labelTestId, changeTestId }: { icon: ReactNode; label: ReactNode; onChange?: () => void; testId?: string; labelTestId?: string; changeTestId?: string }) {
  return (
    <div className="picked" data-testid={testId}>
      {icon}
      <span className="picked-label" data-testid={labelTestId}>
        {label}
      </span>
      {onChange && (
        <button type="button" className="btn btn-small btn-ghost" onClick={onChange} data-testid={changeTestId}>
          Change
        </button>
      )}
    </div>
  );
}
