// Small pieces the store screens share: the name cell of a row (icon, title, sub line, Demo badge), a
// product kind's icon, the currencies a form offers, and whole-number parsing for counts and grams.
import type { ReactNode } from 'react';
import type { ProductKind } from '../../../src-shared/domain/shop';
import { DemoBadge } from '../../ui/badges';
import { Icon, type IconName } from '../../ui/icons';

/** The currencies the shop forms offer first (any ISO 4217 code a shop already uses is added). */
export const CURRENCY_CHOICES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'CAD', 'AUD', 'JPY'];

/** "12" -> 12; anything but a plain non-negative whole number -> null. */
export function wholeNumber(text: string): number | null {
  const t = text.trim().replace(/[\s\u00a0\u202f',.](?=\d{3}(\D|$))/g, '');
  if (!/^\d{1,15}$/.test(t)) return null;
  return Number(t);
}

const KIND_ICONS: Record<ProductKind, IconName> = {
  physical: 'box',
  digital: 'download',
  service: 'sparkle',
  app: 'overview',
  theme: 'palette',
};

export function KindIcon({ kind }: { kind: ProductKind }) {
  return (
    <span className={`kind-icon kind-${kind}`} aria-hidden="true">
      <Icon name={KIND_ICONS[kind]} size={14} />
    </span>
  );
}

/** The first cell of a row: an icon or avatar, the title (with Demo badge), and a quieter second line. */
export function NameCell({ icon, title, sub, demo, muted, testId }: { icon?: ReactNode; title: ReactNode; sub?: ReactNode; demo?: boolean; muted?: boolean; testId?: string }) {
  return (
    <div className={`name-cell${muted ? ' is-muted' : ''}`} data-testid={testId}>
      {icon}
      <div className="name-cell-text">
        <span className="name-cell-title">
          <span className="name-cell-name">{title}</span>
          {demo && <DemoBadge />}
        </span>
        {sub && <span className="name-cell-sub">{sub}</span>}
      </div>
    </div>
  );
}
