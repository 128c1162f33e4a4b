// The month close's rates as stored: the overrides of the defaults (src-shared/domain/billing-rates.ts) in the
// settings table under one key. Only the platform operator changes them; everyone else reads them.
import type { RateView } from '../../../../src-shared/api/billing-types';
import { ApiError } from '../../../../src-shared/api/errors';
import {
  checkRates,
  DEFAULT_BILLING_RATES,
  formatRateValue,
  RATE_DEFINITIONS,
  type BillingRateKey,
  type BillingRates,
} from '../../../../src-shared/domain/billing-rates';
import type { Actor } from '../../access';
import type { SettingsRepository } from '../../repositories/settings-repository';

export const RATES_SETTING_KEY = 'billing.rates';

export interface BillingRatesStore {
  current(): BillingRates;
  views(): RateView[];
  /** Operator only. Checks the whole resulting set; a field error names the rate. Returns the new views. */
  update(actor: Actor, changes: Partial<BillingRates>): RateView[];
  /** Operator only: back to the defaults (all, or some keys). */
  reset(actor: Actor, keys?: BillingRateKey[]): RateView[];
}

export function createBillingRatesStore(settings: SettingsRepository): BillingRatesStore {
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
  const requireOperator = (actor: Actor) => {
    if (actor.kind !== 'operator') {
      throw new ApiError('forbidden', 'Rates are set by the platform operator (partnerdeck billing rates --set KEY=VALUE); partners see them in Billing → Rates.');
    }
  };
  const save = (rates: BillingRates) => {
    const changed: Partial<Record<BillingRateKey, unknown>> = {};
    for (const d of RATE_DEFINITIONS) if (rates[d.key] !== d.defaultValue) changed[d.key] = rates[d.key];
    settings.set(RATES_SETTING_KEY, JSON.stringify(changed));
  };
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
  const checkedSave = (next: BillingRates) => {
    const problems = checkRates(next);
    const fields = Object.fromEntries(Object.entries(problems).map(([key, problem]) => [key, [problem]]));
    if (Object.keys(fields).length > 0) throw ApiError.validation(fields);
    save(next);
    return views();
  };
  return {
    current,
    views,
    update(actor, changes) {
      requireOperator(actor);
      return checkedSave({ ...current(), ...changes });
    },
    reset(actor, keys) {
      requireOperator(actor);
      const next = { ...current() };
      for (const d of RATE_DEFINITIONS) if (!keys || keys.includes(d.key)) (next as Record<string, unknown>)[d.key] = d.defaultValue;
      return checkedSave(next);
    },
  };
}
