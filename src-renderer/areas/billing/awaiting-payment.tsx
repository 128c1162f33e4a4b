// The close preview's "awaiting payment details" warning (docs/billing.md "Payment methods"): how many companies
// would get an invoice or credit note without a usable card or SEPA mandate on file, collapsed to that count; open,
// their names (searchable, at most SHOWN at a time, so 5,000 clients stay quick) linking to each company's settings,
// where the method is added.
import { useMemo, useState } from 'react';
import type { AwaitingPaymentCompany } from '../../../src-shared/api/billing-types';
import { href } from '../../router/routes';
import { useApp } from '../../state/store-context';
import { plural } from '../../ui/format';
import { Callout } from '../../ui/states';
import './awaiting-payment.css';

const SHOWN = 100;

export function AwaitingPaymentCallout({ companies }: { companies: AwaitingPaymentCompany[] }) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const homeId = useApp((s) => s.session.info?.home?.id ?? null);
  const matches = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return needle ? companies.filter((c) => c.companyName.toLowerCase().includes(needle)) : companies;
  }, [companies, search]);
  if (companies.length === 0) return null;
  const expired = companies.filter((c) => c.reason === 'expired').length;
  return (
    <Callout tone="warning" title={`${plural(companies.length, 'company', 'companies')} awaiting payment details`} testId="close-warning-awaiting_payment_details">
      <p className="awaiting-text">
        No usable card or SEPA mandate on file{expired > 0 ? ` (${plural(expired, 'card has', 'cards have')} expired)` : ''}: their invoices and credit notes of this close will
        say "awaiting payment details". Add one in their Company settings before you close.
      </p>
      <details className="awaiting-details" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary data-testid="awaiting-payment-toggle">{open ? 'Hide the companies' : `Show the ${plural(companies.length, 'company', 'companies')}`}</summary>
        {open && (
          <div className="awaiting-list-wrap">
            {companies.length > 10 && (
              <input
                className="input awaiting-search"
                type="search"
                placeholder="Find a company"
                aria-label="Find a company awaiting payment details"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                data-testid="awaiting-payment-search"
              />
            )}
            <ul className="awaiting-list" data-testid="awaiting-payment-list">
              {matches.slice(0, SHOWN).map((c) => (
                <li key={c.companyId}>
                  <a href={c.companyId === homeId ? href({ name: 'company-settings' }) : href({ name: 'company', companyId: c.companyId, tab: 'details', addUser: false })}>{c.companyName}</a>
                  {c.reason === 'expired' && <span className="muted small"> · card expired</span>}
                </li>
              ))}
            </ul>
            {matches.length > SHOWN && <p className="muted small">and {matches.length - SHOWN} more — type part of a name to find one.</p>}
            {matches.length === 0 && <p className="muted small">No company matches "{search}".</p>}
          </div>
        )}
      </details>
    </Callout>
  );
}
