// Page scaffolding shared by the screens: header with title, badges and actions; cards; tabs.
import type { ReactNode } from 'react';
import { Icon } from './icons';
import { formatCount } from './format';
import './page.css';

export function PageHeader({
  title,
  subtitle,
  badges,
  actions,
  back,
  leading,
  testId,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  badges?: ReactNode;
  actions?: ReactNode;
  back?: { href: string; label: string };
  leading?: ReactNode;
  testId?: string;
}) {
  return (
    <header className="page-header" data-testid={testId}>
      {back && (
        <a className="back-link" href={back.href}>
          <Icon name="arrowLeft" size={14} /> {back.label}
        </a>
      )}
      <div className="page-header-row">
        {leading}
        <div className="page-header-text">
          <h1 className="page-title">
            {title}
            {badges && <span className="page-badges">{badges}</span>}
          </h1>
          {subtitle && <p className="page-subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
    </header>
  );
}

export function Card({
  title,
  description,
  actions,
  children,
  className,
  testId,
  flush = false,
}: {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
  flush?: boolean;
}) {
  return (
    <section className={`card${flush ? ' card-flush' : ''} ${className ?? ''}`} data-testid={testId}>
      {(title || actions) && (
        <div className="card-header">
          <div>
            {title && <h2 className="card-title">{title}</h2>}
            {description && <p className="card-description">{description}</p>}
          </div>
          {actions && <div className="card-actions">{actions}</div>}
        </div>
      )}
      <div className="card-body">{children}</div>
    </section>
  );
}

export function Tabs({ tabs }: { tabs: { href: string; label: string; active: boolean; testId: string; count?: number }[] }) {
  return (
    <nav className="tabs" aria-label="Sections">
      {tabs.map((t) => (
        <a key={t.href} href={t.href} className={`tab${t.active ? ' is-active' : ''}`} aria-current={t.active ? 'page' : undefined} data-testid={t.testId}>
          {t.label}
          {t.count !== undefined && <span className="tab-count">{formatCount(t.count)}</span>}
        </a>
      ))}
    </nav>
  );
}

/** A definition list of label/value pairs. */
export function Facts({ items }: { items: { label: string; value: ReactNode; testId?: string }[] }) {
  return (
    <dl className="facts">
      {items.map((i) => (
        <div className="fact" key={i.label}>
          <dt>{i.label}</dt>
          <dd data-testid={i.testId}>{i.value === '' || i.value == null ? <span className="muted">—</span> : i.value}</dd>
        </div>
      ))}
    </dl>
  );
}
