// A modal dialog (aria-modal, focus kept inside, Esc closes), a confirm dialog built on it, and the
// confirmation of a useConfirmedAction (shown while it has a target).
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { CancelConfirm } from './form-footer';
import { Icon } from './icons';
import type { ConfirmedAction } from './use-action';
import './dialog.css';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside `container` and gives focus back to what had it when the dialog closes. */
export function useFocusTrap(container: React.RefObject<HTMLElement | null>, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const previous = document.activeElement as HTMLElement | null;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab' || !container.current) return;
      const items = Array.from(container.current.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
      if (items.length === 0) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (previous && document.contains(previous)) previous.focus();
    };
  }, [container, active]);
}

export function Modal({
  title,
  onClose,
  children,
  footer,
  testId,
  size = 'small',
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  size?: 'small' | 'medium';
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useFocusTrap(ref, true);
  // The latest onClose, read when Esc is pressed: a screen that re-renders while the dialog is open (a clock, a
  // pushed event) hands a new function each time, and that must not move the focus back to the first field.
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onCloseRef.current();
      }
    };
    document.addEventListener('keydown', onKey);
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus]') ?? ref.current?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return createPortal(
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className={`floating-panel modal modal-${size}`} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId}>
        <div className="modal-head">
          <h2 className="modal-title" id={titleId}>
            {title}
          </h2>
          <button type="button" className="icon-btn modal-close" aria-label="Close" onClick={onClose}>
            <Icon name="x" size={16} />
          </button>
        </div>
        <div className="modal-body">{children}</div>
        {footer && <div className="modal-footer">{footer}</div>}
      </div>
    </div>,
    document.body,
  );
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal
      title={title}
      onClose={onCancel}
      testId="confirm-dialog"
      footer={<CancelConfirm onCancel={onCancel} cancelLabel={cancelLabel} busy={busy} confirmLabel={confirmLabel} confirmClassName={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} onConfirm={onConfirm} confirmTestId="confirm-button" autoFocus />}
    >
      {children}
    </Modal>
  );
}

/** The question of a confirmed action, while it is asked: title, body and button say what happens to `target`. */
export function ConfirmActionDialog<T>({
  action,
  title,
  confirmLabel,
  danger = false,
  children,
}: {
  action: ConfirmedAction<T>;
  title: (target: T) => string;
  confirmLabel: string | ((target: T) => string);
  danger?: boolean;
  children: (target: T) => ReactNode;
}) {
  const target = action.target;
  if (target === null) return null;
  return (
    <ConfirmDialog
      title={title(target)}
      confirmLabel={typeof confirmLabel === 'function' ? confirmLabel(target) : confirmLabel}
      danger={danger}
      busy={action.busy}
      onCancel={action.cancel}
      onConfirm={() => void action.confirm()}
    >
      {children(target)}
    </ConfirmDialog>
  );
}
