// The month close's rates as stored: the overrides of the defaults (src-shared/domain/billing-rates.ts) in the
// settings table under one key. Only the platform operator changes them (the CLI, or a user with the operator
// role in the console); everyone else reads them. A change is checked as a whole set (`checkRates`), written
// in one transaction with its audit entry, and announced as `billing.changed`. Months closed before keep
// their documents: the close reads the rates when it runs.
import type { RateView } from '../../../../src-shared/api/billing-types';
import { ApiError } from '../../../../src-shared/api/errors';
import {
  applyRatesChange,
  checkRates,
  DEFAULT_BILLING_RATES,
  formatRateValue,
  RATE_DEFINITIONS,
  type BillingRateKey,
  type BillingRates,
} from '../../../../src-shared/domain/billing-rates';
import { actorLabel, type Actor } from '../../access';
import type { ServiceContext } from '../service-context';

export const RATES_SETTING_KEY = 'billing.rates';

/** New values by key (as stored) and keys back to their default; a key is in one of them at most. */
export interface RatesChange {
  set: Partial<BillingRates>;
  reset: BillingRateKey[];
}

export interface BillingRatesStore {
  current(): BillingRates;
  views(): RateView[];
  /**
   * Operator only. Resets, then sets, then checks the whole resulting set: a field error names the rate and
   * nothing is written. Audit-logged (`billing.rates_changed`, what changed from what) and announced as
   * `billing.changed`. Returns the new views.
   */
  change(actor: Actor, change: RatesChange): RateView[];
}

export const RATES_OPERATOR_ONLY =
  'Rates are set by the platform operator (a user with the operator role in Billing → Rates, or `partnerdeck billing rates --set KEY=VALUE`); partners see them in Billing → Rates.';

export function createBillingRatesStore(ctx: ServiceContext): BillingRatesStore {
  const { settings, audit } = ctx.repos;
  const overrides = (): Partial<BillingRates> => {
    const raw = settings.get(RATES_SETTING_KEY);
    if (!raw) return {};
    try {
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      const known: Partial<Record<BillingRateKey, unknown>> = {};
      for (const d of RATE_DEFINITIONS) if (typeof parsed[d.key] === typeof d.defaultValue) known[d.key] = parsed[d.key];
      return known as Partial<BillingRates>;
    } catch {
      return {};
    }
  };
  const current = (): BillingRates => ({ ...DEFAULT_BILLING_RATES, ...overrides() });
  const views = (): RateView[] => {
    const rates = current();
    return RATE_DEFINITIONS.map((d) => ({
      key: d.key,
      label: d.label,
      description: d.description,
      unit: d.unit,
      value: rates[d.key],
      defaultValue: d.defaultValue,
      display: formatRateValue(d.key, rates[d.key]),
      defaultDisplay: formatRateValue(d.key, d.defaultValue),
      isDefault: rates[d.key] === d.defaultValue,
    }));
  };
  return {
    current,
    views,
    change(actor, { set, reset }) {
      if (actor.kind !== 'operator') throw new ApiError('forbidden', RATES_OPERATOR_ONLY, { reason: 'operator_only' });
      const before = current();
      const rates = applyRatesChange(before, set, reset);
      const problems = checkRates(rates);
      if (Object.keys(problems).length > 0) throw ApiError.validation(Object.fromEntries(Object.entries(problems).map(([key, problem]) => [key, [problem]])));
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const d of RATE_DEFINITIONS) if (rates[d.key] !== before[d.key]) changed[d.key] = { from: before[d.key], to: rates[d.key] };
      if (Object.keys(changed).length === 0) return views();
      const stored: Partial<Record<BillingRateKey, unknown>> = {};
      for (const d of RATE_DEFINITIONS) if (rates[d.key] !== d.defaultValue) stored[d.key] = rates[d.key];
      ctx.transact((emit) => {
        settings.set(RATES_SETTING_KEY, JSON.stringify(stored));
        audit.record({ company_id: null, actor: actorLabel(actor), action: 'billing.rates_changed', detail: { changed, reset }, created_at: ctx.clock.now() });
        emit('billing.changed', { month: null });
      });
      return views();
    },
  };
}
