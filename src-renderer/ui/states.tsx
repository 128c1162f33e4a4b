// Designed empty, loading and error states, so that no screen is ever blank.
import type { ReactNode } from 'react';
import { PERMISSION_LABELS, type Permission } from '../../src-shared/domain/permissions';
import { Icon, type IconName } from './icons';
import { MessageText } from './message-text';
import './states.css';

export function Spinner({ size = 16, label }: { size?: number; label?: string }) {
  return (
    <span className="spinner" style={{ width: size, height: size }} role={label ? 'status' : undefined} aria-label={label}>
      <span className="spinner-ring" />
    </span>
  );
}

export function EmptyState({
  icon,
  title,
  children,
  actions,
  testId,
  tone = 'neutral',
}: {
  icon: IconName;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
  tone?: 'neutral' | 'locked' | 'error';
}) {
  return (
    <div className={`empty-state empty-${tone}`} data-testid={testId}>
      <div className="empty-icon">
        <Icon name={icon} size={22} />
      </div>
      <h3 className="empty-title">{title}</h3>
      {children && <div className="empty-body">{children}</div>}
      {actions && <div className="empty-actions">{actions}</div>}
    </div>
  );
}

export function ErrorState({ title = 'Could not load this', message, onRetry }: { title?: string; message: string | null; onRetry?: () => void }) {
  return (
    <EmptyState
      icon="alert"
      tone="error"
      title={title}
      testId="error-state"
      actions={
        onRetry && (
          <button type="button" className="btn" onClick={onRetry}>
            <Icon name="refresh" /> Try again
          </button>
        )
      }
    >
      <p>
        <MessageText text={message ?? 'Something went wrong.'} />
      </p>
    </EmptyState>
  );
}

/** A card's quiet empty line (a list inside a card that has nothing yet), with an optional icon. */
export function CardEmpty({ icon, children, testId }: { icon?: IconName; children: ReactNode; testId?: string }) {
  return (
    <div className="card-empty" data-testid={testId}>
      {icon && <Icon name={icon} size={18} />}
      {icon ? <span>{children}</span> : children}
    </div>
  );
}

/** Grey placeholder lines in the shape of the content that is coming. */
export function SkeletonRows({ rows = 6, columns = 4 }: { rows?: number; columns?: number }) {
  return (
    <div className="skeleton-rows" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, r) => (
        <div className="skeleton-row" key={r}>
          {Array.from({ length: columns }, (_, c) => (
            <span key={c} className="skeleton" style={{ width: `${c === 0 ? 38 : 14 + ((r * 7 + c * 13) % 18)}%` }} />
          ))}
        </div>
      ))}
    </div>
  );
}

export function SkeletonBlock({ height = 120 }: { height?: number }) {
  return <div className="skeleton skeleton-block" style={{ height }} aria-busy="true" aria-label="Loading" />;
}

export function Callout({ tone = 'info', icon, title, children, testId }: { tone?: 'info' | 'warning' | 'danger' | 'sample'; icon?: IconName; title?: string; children: ReactNode; testId?: string }) {
  const fallback: Record<string, IconName> = { info: 'info', warning: 'alert', danger: 'alert', sample: 'flask' };
  return (
    <div className={`callout callout-${tone}`} data-testid={testId}>
      <Icon name={icon ?? fallback[tone]} size={16} />
      <div>
        {title && <strong className="callout-title">{title}</strong>}
        <div className="callout-body">{children}</div>
      </div>
    </div>
  );
}

/**
 * What a user sees where its permissions end (the platform refuses the data too): the permission by name and
 * who can grant it, instead of an error or an empty list.
 */
export function NoPermissionState({ permission, what }: { permission: Permission; what: string }) {
  return (
    <EmptyState icon="lock" tone="locked" title={`You don't have the ${PERMISSION_LABELS[permission]} permission`} testId={`no-permission-${permission}`}>
      <p>
        {what} need the “{PERMISSION_LABELS[permission]}” permission. An administrator of your company can grant it under Users &amp; permissions.
      </p>
    </EmptyState>
  );
}
