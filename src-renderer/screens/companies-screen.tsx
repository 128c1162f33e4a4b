// The partner's client companies (#/companies): search, route and sample filters, sortable columns, and a
// virtualized list (only the visible rows are in the DOM, however many thousand companies there are).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { CompanySummary } from '../../src-shared/api/types';
import { navigate } from '../router/use-route';
import { DEFAULT_COMPANY_QUERY, type CompanyQuery } from '../state/companies-slice';
import { useActions, useApp } from '../state/store-context';
import { Avatar } from '../ui/avatar';
import { RouteBadge, KindBadge } from '../ui/badges';
import { countryName, formatCount, formatDate } from '../ui/format';
import { href } from '../router/routes';
import { Icon } from '../ui/icons';
import { NewCompanyLink } from './new-company-link';
import { PageHeader } from '../ui/page';
import { SearchBox } from '../ui/search-box';
import { Segmented } from '../ui/segmented';
import { EmptyState, ErrorState, SkeletonRows, Spinner } from '../ui/states';
import '../ui/data-table.css';
import './companies-screen.css';

const ROW_HEIGHT = 48;

type SortKey = CompanyQuery['sort'];

const COLUMNS: { key: SortKey | null; label: string; className: string }[] = [
  { key: 'name', label: 'Name', className: 'col-name' },
  { key: null, label: 'Payment route', className: 'col-route' },
  { key: 'city', label: 'City', className: 'col-city' },
  { key: 'country', label: 'Country', className: 'col-country' },
  { key: 'users', label: 'Users', className: 'col-users' },
  { key: 'createdAt', label: 'Created', className: 'col-created' },
];

export function CompaniesScreen() {
  const query = useApp((s) => s.companies.query);
  const list = useApp((s) => s.companies.list);
  const actions = useActions();

  useEffect(() => {
    void actions.loadCompanyList();
  }, [actions]);

  const sortBy = (key: SortKey) => {
    const direction = query.sort === key ? (query.direction === 'asc' ? 'desc' : 'asc') : key === 'createdAt' || key === 'users' ? 'desc' : 'asc';
    actions.setCompanyQuery({ sort: key, direction });
  };

  const filtered = query.search !== '' || query.route !== 'any' || query.sample !== 'any';
  const clearFilters = () => {
    actions.setCompanyQuery({ ...DEFAULT_COMPANY_QUERY, sort: query.sort, direction: query.direction });
  };
  const items = list.data;
  const refreshing = list.refreshing;

  return (
    <div className="page page-fill" data-testid="companies">
      <PageHeader
        title="Companies"
        subtitle={items ? `${formatCount(items.length)} ${filtered ? 'matching ' : ''}client ${items.length === 1 ? 'company' : 'companies'}` : 'Your client companies'}
        actions={
          <NewCompanyLink testId="new-company" />
        }
      />

      <div className="toolbar">
        {/* Typing is debounced (the list keeps the previous result meanwhile); "/" focuses it. */}
        <SearchBox value={query.search} onSearch={(search) => actions.setCompanyQuery({ search })} placeholder="Search name, city, email, token…" label="Search companies" testId="companies-search" />
        <Segmented
          label="Payment route"
          value={query.route}
          onChange={(route) => actions.setCompanyQuery({ route })}
          testIdPrefix="filter-route"
          options={[
            { value: 'any', label: 'Any route' },
            { value: 'direct', label: 'Direct' },
            { value: 'via_partner', label: 'Via partner' },
          ]}
        />
        <Segmented
          label="Kind"
          value={query.sample}
          onChange={(sample) => actions.setCompanyQuery({ sample })}
          testIdPrefix="filter-sample"
          options={[
            { value: 'any', label: 'All' },
            { value: 'real', label: 'Real' },
            { value: 'development', label: 'Development' },
            { value: 'sample', label: 'Sample' },
          ]}
        />
        {filtered && (
          <button type="button" className="btn btn-ghost btn-small" onClick={clearFilters} data-testid="clear-filters">
            <Icon name="x" size={13} /> Clear
          </button>
        )}
        <span className="toolbar-spacer" />
        {refreshing && <Spinner size={14} label="Updating" />}
      </div>

      <div className="table-card" role="table" aria-label="Client companies" aria-rowcount={items ? items.length + 1 : undefined}>
        <div className="vt-head" role="rowgroup">
          <div className="vt-row vt-header-row" role="row" aria-rowindex={1}>
            {COLUMNS.map((c) => {
              const sorted = c.key !== null && query.sort === c.key;
              return (
                <div
                  key={c.label}
                  role="columnheader"
                  className={`vt-cell ${c.className}`}
                  aria-sort={sorted ? (query.direction === 'asc' ? 'ascending' : 'descending') : c.key ? 'none' : undefined}
                >
                  {c.key ? (
                    <button type="button" className={`sort-btn${sorted ? ' is-sorted' : ''}`} onClick={() => sortBy(c.key as SortKey)} data-testid={`sort-${c.key}`}>
                      {c.label}
                      <Icon name={sorted ? (query.direction === 'asc' ? 'arrowUp' : 'arrowDown') : 'chevronUpDown'} size={12} className="icon sort-icon" />
                    </button>
                  ) : (
                    <span className="vt-head-label">{c.label}</span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        {list.status === 'error' && !items ? (
          <ErrorState title="Could not load your companies" message={list.error} onRetry={() => void actions.loadCompanyList()} />
        ) : !items ? (
          <SkeletonRows rows={10} columns={6} />
        ) : items.length === 0 ? (
          filtered ? (
            <EmptyState
              icon="search"
              title="No company matches these filters"
              testId="companies-no-match"
              actions={
                <button type="button" className="btn" onClick={clearFilters}>
                  Clear filters
                </button>
              }
            >
              <p>Try another search or widen the filters.</p>
            </EmptyState>
          ) : (
            <EmptyState
              icon="buildings"
              title="No client companies yet"
              testId="companies-empty"
              actions={
                <NewCompanyLink />
              }
            >
              <p>Create a company for a client, or accept a partner request from an existing company.</p>
            </EmptyState>
          )
        ) : (
          <VirtualRows items={items} search={query.search} />
        )}
      </div>
    </div>
  );
}

function VirtualRows({ items, search }: { items: CompanySummary[]; search: string }) {
  const needle = search.trim().toLowerCase();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    useFlushSync: false,
  });

  const open = (c: CompanySummary) => navigate({ name: 'company', companyId: c.id, tab: 'details', addUser: false });

  return (
    <div className="vt-body" ref={scrollRef} role="rowgroup" data-testid="companies-scroll">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => {
          const c = items[v.index];
          return (
            <div
              key={c.id}
              role="row"
              aria-rowindex={v.index + 2}
              tabIndex={0}
              className="vt-row vt-data-row"
              style={{ height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
              onClick={() => open(c)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') open(c);
                else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  const next = (e.currentTarget as HTMLElement)[e.key === 'ArrowDown' ? 'nextElementSibling' : 'previousElementSibling'] as HTMLElement | null;
                  next?.focus();
                }
              }}
              data-testid="company-row"
              data-company-id={c.id}
            >
              <div role="cell" className="vt-cell col-name">
                <Avatar name={c.name} size={26} />
                <a
                  className="company-link"
                  href={href({ name: 'company', companyId: c.id, tab: 'details', addUser: false })}
                  tabIndex={-1}
                  onClick={(e) => e.stopPropagation()}
                >
                  {c.name}
                </a>
                <KindBadge company={c} compact />
                {/* The token identifies a company externally: shown when the search found the company by it. */}
                {needle !== '' && c.token?.toLowerCase().includes(needle) && (
                  <span className="badge badge-token" title="Token (for external identification)" data-testid="company-token-match">
                    Token {c.token}
                  </span>
                )}
              </div>
              <div role="cell" className="vt-cell col-route">
                <RouteBadge route={c.paymentRoute} />
              </div>
              <div role="cell" className="vt-cell col-city">
                {c.city || <span className="muted">—</span>}
              </div>
              <div role="cell" className="vt-cell col-country" title={countryName(c.country)}>
                <span className="country-code">{c.country}</span> <span className="muted">{countryName(c.country)}</span>
              </div>
              <div role="cell" className="vt-cell col-users num">
                {formatCount(c.userCount)}
              </div>
              <div role="cell" className="vt-cell col-created muted">
                {formatDate(c.createdAt)}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
