// A side sheet over the page for creating and editing one object while the list stays in view: a modal
// dialog (aria-modal, focus kept inside, Esc and the backdrop close it through the owner's onClose, which
// asks first when there are unsaved changes).
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useFocusTrap } from './dialog';
import { Icon } from './icons';
import './drawer.css';

export function Drawer({
  title,
  subtitle,
  badges,
  onClose,
  children,
  footer,
  testId,
  size = 'medium',
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  badges?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  size?: 'medium' | 'wide';
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useFocusTrap(ref, true);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A dialog opened on top (a confirmation) handles its own Esc.
      if (e.key !== 'Escape' || document.querySelector('.overlay [role="dialog"]')) return;
      e.stopPropagation();
      onCloseRef.current();
    };
    document.addEventListener('keydown', onKey);
    // The first field (not the close button), so typing can start at once.
    const body = ref.current?.querySelector<HTMLElement>('.drawer-body');
    const first =
      ref.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      body?.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])') ??
      ref.current?.querySelector<HTMLElement>('button');
    first?.focus();
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return createPortal(
    <div className="drawer-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCloseRef.current()}>
      <div ref={ref} className={`drawer drawer-${size}`} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId}>
        <div className="drawer-head">
          <div className="drawer-head-text">
            <h2 className="drawer-title" id={titleId}>
              {title}
              {badges && <span className="page-badges">{badges}</span>}
            </h2>
            {subtitle && <p className="drawer-subtitle">{subtitle}</p>}
          </div>
          <button type="button" className="icon-btn" aria-label="Close" onClick={() => onCloseRef.current()} data-testid="drawer-close">
            <Icon name="x" size={16} />
          </button>
        </div>
        <div className="drawer-body">{children}</div>
        {footer && <div className="drawer-footer">{footer}</div>}
      </div>
    </div>,
    document.body,
  );
}
