// The bottom of every form: buttons that show a spinner while their action runs, the page form's footer
// (what is unsaved, Discard, Save changes), and the Cancel + confirm pair of dialogs and inline forms.
import type { ReactNode } from 'react';
import { Icon, type IconName } from './icons';
import { Spinner } from './states';
import type { FormApi } from './use-form';
import './form-footer.css';

/** A button whose icon turns into a spinner while `busy`. */
export function BusyButton({
  busy = false,
  icon,
  className = 'btn',
  type = 'button',
  disabled,
  onClick,
  form,
  testId,
  title,
  children,
}: {
  busy?: boolean;
  icon?: IconName;
  className?: string;
  type?: 'button' | 'submit';
  disabled?: boolean;
  onClick?: () => void;
  /** The id of the form a submit button outside it submits. */
  form?: string;
  testId?: string;
  title?: string;
  children: ReactNode;
}) {
  return (
    <button type={type} className={className} disabled={disabled} onClick={onClick} form={form} data-testid={testId} title={title}>
      {busy ? <Spinner size={14} /> : icon && <Icon name={icon} />}
      {busy || icon ? spaced(children) : children}
    </button>
  );
}

/** A space before the label after an icon, in the same text node as a plain label (so text renders as before). */
function spaced(label: ReactNode): ReactNode {
  return typeof label === 'string' ? ` ${label}` : (
    <>
      {' '}
      {label}
    </>
  );
}

/** A page form's footer: something on the left (what is unsaved, a Cancel link), the actions on the right. */
export function FormFooter({ start, children }: { start: ReactNode; children: ReactNode }) {
  return (
    <div className="form-footer">
      {start}
      <div className="form-footer-actions">{children}</div>
    </div>
  );
}

/** The footer of a settings form: whether changes are unsaved, Discard and Save changes. */
export function SaveChangesFooter<V>({ form, onDiscard }: { form: FormApi<V>; onDiscard: () => void }) {
  const idle = !form.dirty || form.submitting;
  return (
    <FormFooter start={<span className="form-footer-status">{form.dirty ? 'You have unsaved changes.' : 'All changes saved.'}</span>}>
      <button type="button" className="btn" disabled={idle} onClick={onDiscard} data-testid="discard">
        Discard
      </button>
      <BusyButton type="submit" className="btn btn-primary" busy={form.submitting} icon="check" disabled={idle} testId="save">
        Save changes
      </BusyButton>
    </FormFooter>
  );
}

/** Cancel and the confirming button, as dialogs and inline forms end. */
export function CancelConfirm({
  onCancel,
  cancelLabel = 'Cancel',
  cancelClassName = 'btn',
  busy = false,
  confirmLabel,
  confirmClassName = 'btn btn-primary',
  confirmIcon,
  confirmType = 'button',
  onConfirm,
  disabled = false,
  confirmTestId,
  autoFocus = false,
}: {
  onCancel: () => void;
  cancelLabel?: string;
  cancelClassName?: string;
  busy?: boolean;
  confirmLabel: ReactNode;
  confirmClassName?: string;
  /** An icon before the label (a spinner replaces it while busy). */
  confirmIcon?: IconName;
  confirmType?: 'button' | 'submit';
  onConfirm?: () => void;
  /** Disables the confirming button only (it is disabled while busy anyway). */
  disabled?: boolean;
  confirmTestId?: string;
  /** The dialog focuses the confirming button first. */
  autoFocus?: boolean;
}) {
  const confirm = { 'data-autofocus': autoFocus || undefined };
  return (
    <>
      <button type="button" className={cancelClassName} onClick={onCancel} disabled={busy}>
        {cancelLabel}
      </button>
      <button type={confirmType} className={confirmClassName} onClick={onConfirm} disabled={busy || disabled} data-testid={confirmTestId} {...confirm}>
        {confirmIcon && (busy ? <Spinner size={14} /> : <Icon name={confirmIcon} />)}
        {confirmIcon ? spaced(confirmLabel) : confirmLabel}
      </button>
    </>
  );
}
