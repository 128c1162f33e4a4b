// Shop settings of the acting client (#/store/settings), a store function: shop name, currency, default
// VAT rate, storefront open/closed and support email.
import { useEffect, useMemo, useRef } from 'react';
import type { FieldErrors } from '../../src-shared/api/errors';
import { shopSettingsUpdateSchema } from '../../src-shared/api/inputs';
import type { ShopSettings } from '../../src-shared/api/types';
import { useActions, useApp } from '../state/store-context';
import { KindBadge } from '../ui/badges';
import { CheckboxField, SelectField, TextField } from '../ui/fields';
import { formatDateTime } from '../ui/format';
import { Card, PageHeader } from '../ui/page';
import { SaveChangesFooter } from '../ui/form-footer';
import { Loaded } from '../ui/loadable';
import { Callout, SkeletonBlock } from '../ui/states';
import { useForm, zodValidator } from '../ui/use-form';
import { CURRENCY_CHOICES } from './store/store-ui';
import { ShopProvidersCard } from '../areas/logistics/shop-logistics';
import { Form } from '../ui/form';

const CURRENCIES = CURRENCY_CHOICES;

interface ShopValues {
  shopName: string;
  currency: string;
  /** The default VAT rate in percent as typed ("19", "7.5"); the API takes basis points. */
  defaultVatRateBp: string;
  storefrontOpen: boolean;
  supportEmail: string;
}

function valuesOf(s: ShopSettings): ShopValues {
  return {
    shopName: s.shopName,
    currency: s.currency,
    defaultVatRateBp: String(s.defaultVatRateBp / 100),
    storefrontOpen: s.storefrontOpen,
    supportEmail: s.supportEmail,
  };
}

function percentToBp(text: string): number {
  const normalized = text.trim().replace(',', '.').replace(/%$/, '').trim();
  if (!/^\d+(\.\d{0,2})?$/.test(normalized)) return Number.NaN;
  return Math.round(Number(normalized) * 100);
}

function inputOf(companyId: number, v: ShopValues) {
  return {
    companyId,
    shopName: v.shopName,
    currency: v.currency,
    defaultVatRateBp: percentToBp(v.defaultVatRateBp),
    storefrontOpen: v.storefrontOpen,
    supportEmail: v.supportEmail.trim(),
  };
}

function vatRateCheck(v: ShopValues): FieldErrors {
  const bp = percentToBp(v.defaultVatRateBp);
  if (Number.isNaN(bp)) return { defaultVatRateBp: ['must be a percentage like 19 or 7.5'] };
  if (bp > 10000) return { defaultVatRateBp: ['must be between 0 and 100 %'] };
  return {};
}

export function ShopSettingsScreen() {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const companyId = acting?.id ?? 0;
  const shop = useApp((s) => s.shop.byCompany[companyId]);
  const actions = useActions();

  useEffect(() => {
    if (companyId) void actions.loadShopSettings(companyId);
  }, [actions, companyId]);

  if (!acting) return <SkeletonBlock />;
  return (
    <div className="page" data-testid="shop-settings">
      <PageHeader
        title="Shop settings"
        badges={<KindBadge company={acting} />}
        subtitle={`The storefront of ${acting.name}.`}
      />
      {acting.isSample && (
        <Callout tone="sample" title="Sample company">
          The shop can be set up completely, but it cannot make end-user sales: a real checkout is refused. It is never billed.
        </Callout>
      )}
      <Loaded value={shop} errorTitle="Could not load the shop settings" onRetry={() => void actions.loadShopSettings(companyId)} loading={<SkeletonBlock height={360} />}>
        {(settings) => <ShopForm key={companyId} settings={settings} />}
      </Loaded>
      {companyId > 0 && <ShopProvidersCard companyId={companyId} />}
    </div>
  );
}

function ShopForm({ settings }: { settings: ShopSettings }) {
  const actions = useActions();
  const validate = useMemo(() => zodValidator(shopSettingsUpdateSchema, (v: ShopValues) => inputOf(settings.companyId, v), vatRateCheck), [settings.companyId]);
  const form = useForm<ShopValues>(`shop-${settings.companyId}`, valuesOf(settings), validate, { leaveGuard: 'Shop settings' });

  const { dirty, reset } = form;
  const shownVersion = useRef(settings.updatedAt);
  useEffect(() => {
    if (shownVersion.current === settings.updatedAt) return;
    shownVersion.current = settings.updatedAt;
    if (!dirty) reset(valuesOf(settings));
  }, [settings, dirty, reset]);

  const currencyOptions = (CURRENCIES.includes(form.values.currency) ? CURRENCIES : [form.values.currency, ...CURRENCIES]).map((c) => ({ value: c, label: c }));

  const save = () =>
    form.submit(async (values) => {
      const updated = await actions.updateShopSettings(inputOf(settings.companyId, values));
      form.reset(valuesOf(updated));
    });

  return (
    <Form className="form-layout" noValidate onSubmit={save}>
      <Card title="Storefront" description={`Last changed ${formatDateTime(settings.updatedAt)}`}>
        <div className="form-grid">
          <TextField form={form} name="shopName" label="Shop name" required className="span-2" />
          <TextField form={form} name="supportEmail" label="Support email" type="email" placeholder="support@example.com" hint="Shown to customers for questions about orders." className="span-2" />
          <CheckboxField
            form={form}
            name="storefrontOpen"
            label="Storefront is open"
            hint="When closed, visitors see a maintenance page and cannot order."
            className="span-2"
          />
        </div>
      </Card>
      <Card title="Prices and tax">
        <div className="form-grid">
          <SelectField form={form} name="currency" label="Currency" options={currencyOptions} hint="ISO 4217 code of the shop's prices." />
          <TextField
            form={form}
            name="defaultVatRateBp"
            label="Default VAT rate"
            errorLabel="Default VAT rate"
            inputMode="decimal"
            suffix={<span className="muted">%</span>}
            hint="Applies to products without their own rate."
          />
        </div>
      </Card>
      <SaveChangesFooter form={form} onDiscard={() => form.reset(valuesOf(settings))} />
    </Form>
  );
}
