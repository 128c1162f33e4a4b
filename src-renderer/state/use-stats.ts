// React hooks for the statistics: the date range in force (the chosen one, or the default preset for the
// platform's today) and a company's dashboard for it.
import { useEffect } from 'react';
import type { ClientDashboard } from '../../src-shared/api/sales-types';
import { platformToday, presetSelection, refreshSelection, type RangeSelection } from '../ui/date-range-presets';
import type { Loadable } from './loadable';
import { DEFAULT_PRESET } from './sales-slice';
import { useActions, useApp } from './store-context';

export function useStatsRange(): { range: RangeSelection; today: string } {
  const chosen = useApp((s) => s.sales.range);
  const clockNow = useApp((s) => s.session.appInfo?.clockNow ?? null);
  const readAt = useApp((s) => s.session.appInfoAt);
  const today = platformToday(clockNow, readAt);
  return { range: chosen ? refreshSelection(chosen, today) : presetSelection(DEFAULT_PRESET, today), today };
}

/** A company's dashboard for the current range; (re)loads when the company or the range changes. */
export function useDashboard(companyId: number | null): { dashboard: Loadable<ClientDashboard> | undefined; stale: boolean } {
  const { range } = useStatsRange();
  const entry = useApp((s) => (companyId === null ? undefined : s.sales.dashboards[companyId]));
  const { loadDashboard } = useActions();
  const key = `${range.from}|${range.to}`;
  useEffect(() => {
    // A dashboard prefetched by the switch a moment ago is not fetched twice.
    if (companyId !== null) void loadDashboard(companyId, 3000);
  }, [companyId, key, loadDashboard]);
  return { dashboard: entry?.value, stale: entry !== undefined && entry.key !== key };
}
