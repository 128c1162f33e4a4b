// The provider's setup: warehouses, zones (lists of countries) and rate rules by weight bracket (whole grams, both
// edges included) per zone and currency.
import { useState } from 'react';
import type { LogisticsProvider, ShippingRate, ShippingZone, Warehouse } from '../../../src-shared/api/logistics-types';
import { COUNTRIES } from '../../../src-shared/domain/countries';
import { parseMinor } from '../../../src-shared/domain/currencies';
import { bracketLabel } from '../../../src-shared/domain/logistics';
import { useLeaveGuard } from '../../router/leave-guard';
import { useActions } from '../../state/store-context';
import { useLatestLoad } from '../../state/use-latest-load';
import { formatMoney } from '../../ui/money';
import { Card } from '../../ui/page';
import { Callout, CardEmpty, ErrorState, SkeletonBlock } from '../../ui/states';
import { Table } from '../../ui/table';
import { ConfirmActionDialog } from '../../ui/dialog';
import { useAction, useConfirmedAction } from '../../ui/use-action';
import { countryName, FieldProblem, OutsideNote, problemsOf, useLogisticsVersion } from './logistics-ui';
import { Form } from '../../ui/form';

type Problems = ReturnType<typeof problemsOf>;
const NONE: Problems = { fields: {}, message: null };

export function WarehousesTab({ provider }: { provider: LogisticsProvider }) {
  const actions = useActions();
  const version = useLogisticsVersion();
  const list = useLatestLoad(() => actions.logistics('logistics.warehouses', { providerId: provider.id }), [actions, provider.id, version]);
  const [editing, setEditing] = useState<Warehouse | 'new' | null>(null);
  return (
    <Card
      title="Warehouses"
      description="Where your stock is kept and shipments leave from. Forwarded orders reserve stock in the first warehouse (by name) that holds all of it."
      actions={
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="warehouse-add">
          Add warehouse
        </button>
      }
      testId="logistics-warehouses"
    >
      {list.status === 'error' && <ErrorState message={list.error} />}
      {!list.data && list.status !== 'error' && <SkeletonBlock height={100} />}
      {list.data && list.data.length === 0 && editing === null && <CardEmpty icon="box">No warehouse yet. Add the first one to book stock and ship.</CardEmpty>}
      {list.data && list.data.length > 0 && (
        <Table
          rows={list.data}
          rowKey={(w) => w.id}
          rowTestId={(w) => `warehouse-${w.id}`}
          columns={[
            { header: 'Name', cell: (w) => <strong>{w.name}</strong> },
            { header: 'Address', cell: (w) => [w.street, `${w.postalCode} ${w.city}`.trim(), countryName(w.country)].filter(Boolean).join(', ') },
            {
              header: 'Actions',
              hiddenHeader: true,
              className: 'col-actions',
              cell: (w) => (
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(w)} data-testid={`warehouse-edit-${w.id}`}>
                  Edit
                </button>
              ),
            },
          ]}
        />
      )}
      {editing !== null && <WarehouseForm key={editing === 'new' ? 'new' : editing.id} provider={provider} warehouse={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
    </Card>
  );
}

function WarehouseForm({ provider, warehouse, onDone }: { provider: LogisticsProvider; warehouse: Warehouse | null; onDone: () => void }) {
  const actions = useActions();
  const [initial] = useState(() => ({ name: warehouse?.name ?? '', country: warehouse?.country ?? 'DE', city: warehouse?.city ?? '', street: warehouse?.street ?? '', postalCode: warehouse?.postalCode ?? '' }));
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Problems>(NONE);
  // Typed work is never lost silently: leaving with changes asks first (the form closes on save or Cancel).
  const dirty = (Object.keys(initial) as (keyof typeof initial)[]).some((key) => values[key] !== initial[key]);
  useLeaveGuard(dirty, warehouse ? `Warehouse ${warehouse.name}` : 'New warehouse');
  const save = useAction(async () => {
    try {
      await actions.logistics('logistics.saveWarehouse', { providerId: provider.id, warehouseId: warehouse?.id, ...values });
      actions.logisticsChanged();
      onDone();
    } catch (error) {
      setProblems(problemsOf(error));
    }
  });
  const text = (name: keyof typeof values, label: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input className="input" value={values[name]} onChange={(e) => setValues({ ...values, [name]: e.target.value })} data-testid={`warehouse-${name}`} />
      <FieldProblem message={problems.fields[name]} />
    </label>
  );
  return (
    <Form className="form-grid inline-form" onSubmit={() => save.run()} data-testid="warehouse-form">
      {text('name', 'Name')}
      <label className="field">
        <span className="field-label">Country</span>
        <select className="input" value={values.country} onChange={(e) => setValues({ ...values, country: e.target.value })} data-testid="warehouse-country">
          {COUNTRIES.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {text('street', 'Street')}
      {text('postalCode', 'Postal code')}
      {text('city', 'City')}
      {problems.message && <Callout tone="danger">{problems.message}</Callout>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="warehouse-save">
          {warehouse ? 'Save' : 'Add warehouse'}
        </button>
      </div>
    </Form>
  );
}

export function RatesTab({ provider }: { provider: LogisticsProvider }) {
  const actions = useActions();
  const version = useLogisticsVersion();
  const zones = useLatestLoad(() => actions.logistics('logistics.zones', { providerId: provider.id }), [actions, provider.id, version]);
  const rates = useLatestLoad(() => actions.logistics('logistics.rates', { providerId: provider.id }), [actions, provider.id, version]);
  const [zoneForm, setZoneForm] = useState<ShippingZone | 'new' | null>(null);
  const remove = useConfirmedAction(async (rate: ShippingRate) => {
    await actions.logistics('logistics.deleteRate', { providerId: provider.id, rateId: rate.id });
    actions.logisticsChanged();
  });
  const removeZone = useConfirmedAction(async (zone: ShippingZone) => {
    await actions.logistics('logistics.deleteZone', { providerId: provider.id, zoneId: zone.id });
    if (zoneForm !== null && zoneForm !== 'new' && zoneForm.id === zone.id) setZoneForm(null);
    actions.logisticsChanged();
  });
  return (
    <div className="stack">
      <Card
        title="Zones"
        description="A zone is a list of destination countries; rates are set per zone."
        actions={
          <button type="button" className="btn" onClick={() => setZoneForm('new')} data-testid="zone-add">
            Add zone
          </button>
        }
        testId="logistics-zones"
      >
        {zones.status === 'error' && <ErrorState message={zones.error} />}
        {zones.data && zones.data.length === 0 && zoneForm === null && <CardEmpty icon="globe">No zone yet. Add one (e.g. EU) with its countries.</CardEmpty>}
        {zones.data && zones.data.length > 0 && (
          <Table
            rows={zones.data}
            rowKey={(z) => z.id}
            rowTestId={(z) => `zone-${z.id}`}
            columns={[
              { header: 'Zone', cell: (z) => <strong>{z.name}</strong> },
              { header: 'Countries', cell: (z) => <span title={z.countries.map(countryName).join(', ')}>{z.countries.length > 8 ? `${z.countries.slice(0, 8).join(', ')} +${z.countries.length - 8}` : z.countries.join(', ')}</span> },
              { header: 'Rates', className: 'num', cell: (z) => z.rateCount },
              {
                header: 'Actions',
                hiddenHeader: true,
                className: 'col-actions',
                cell: (z) => (
                  <>
                    <button type="button" className="btn btn-ghost btn-small" onClick={() => setZoneForm(z)} data-testid={`zone-edit-${z.id}`}>
                      Edit
                    </button>
                    <button type="button" className="btn btn-ghost btn-small" disabled={removeZone.busy} onClick={() => removeZone.ask(z)} data-testid={`zone-delete-${z.id}`}>
                      Delete
                    </button>
                  </>
                ),
              },
            ]}
          />
        )}
        {zoneForm !== null && <ZoneForm key={zoneForm === 'new' ? 'new' : zoneForm.id} provider={provider} zone={zoneForm === 'new' ? null : zoneForm} onDone={() => setZoneForm(null)} />}
      </Card>
      <Card
        title="Rates"
        description="Per zone and currency, by the order's total weight in whole grams. Both edges of a bracket are included: 0–500 g serves a 500 g parcel, the next bracket starts at 501 g. At checkout the shop's preferred provider ships when it serves the destination and weight; otherwise the cheapest matching rule wins."
        testId="logistics-rates"
      >
        {rates.status === 'error' && <ErrorState message={rates.error} />}
        {!rates.data && rates.status !== 'error' && <SkeletonBlock height={100} />}
        {rates.data && rates.data.length === 0 && <CardEmpty icon="tag">No rates yet: shops cannot ship with you until you add one.</CardEmpty>}
        {rates.data && rates.data.length > 0 && (
          <Table
            rows={rates.data}
            rowKey={(r) => r.id}
            rowTestId={(r) => `rate-${r.id}`}
            columns={[
              { header: 'Zone', cell: (r) => r.zoneName },
              { header: 'Weight', cell: (r) => bracketLabel(r.minGrams, r.maxGrams) },
              { header: 'Currency', cell: (r) => r.currency },
              { header: 'Price', className: 'num', cell: (r) => formatMoney(r.amountMinor, r.currency) },
              {
                header: 'Actions',
                hiddenHeader: true,
                className: 'col-actions',
                cell: (r) => (
                  <button type="button" className="btn btn-ghost btn-small" disabled={remove.busy} onClick={() => remove.ask(r)} data-testid={`rate-delete-${r.id}`}>
                    Delete
                  </button>
                ),
              },
            ]}
          />
        )}
        {zones.data && zones.data.length > 0 && <RateForm provider={provider} zones={zones.data} />}
        <OutsideNote />
      </Card>
      <ConfirmActionDialog action={remove} title={(r) => `Delete the rate rule ${rateRuleName(r)}?`} confirmLabel="Delete rate rule" danger>
        {(r) => (
          <p>
            Orders of {bracketLabel(r.minGrams, r.maxGrams)} to {r.zoneName} priced in {r.currency} no longer ship at {formatMoney(r.amountMinor, r.currency)} with {provider.name}: checkout takes another matching rule, or says it cannot ship
            there. Orders already forwarded keep their shipping line.
          </p>
        )}
      </ConfirmActionDialog>
      <ConfirmActionDialog action={removeZone} title={(z) => `Delete the zone ${z.name}?`} confirmLabel="Delete zone" danger>
        {(z) => (
          <p>
            {z.countries.length === 1 ? countryName(z.countries[0]) : `Its ${z.countries.length} countries`} will no longer be served by {provider.name}
            {z.rateCount > 0 ? `, and its ${z.rateCount === 1 ? 'rate rule is' : `${z.rateCount} rate rules are`} deleted with it` : ''}. Orders already forwarded keep their shipping line.
          </p>
        )}
      </ConfirmActionDialog>
    </div>
  );
}

/** A rate rule as the user names it: zone, currency and weight bracket. */
function rateRuleName(r: ShippingRate): string {
  return `${r.zoneName} · ${r.currency} · ${bracketLabel(r.minGrams, r.maxGrams)}`;
}

function ZoneForm({ provider, zone, onDone }: { provider: LogisticsProvider; zone: ShippingZone | null; onDone: () => void }) {
  const actions = useActions();
  const [name, setName] = useState(zone?.name ?? '');
  const [countries, setCountries] = useState<string[]>(zone?.countries ?? []);
  const [filter, setFilter] = useState('');
  const [problems, setProblems] = useState<Problems>(NONE);
  const save = useAction(async () => {
    try {
      await actions.logistics('logistics.saveZone', { providerId: provider.id, zoneId: zone?.id, name, countries });
      actions.logisticsChanged();
      onDone();
    } catch (error) {
      setProblems(problemsOf(error));
    }
  });
  const shown = COUNTRIES.filter((c) => !filter || c.name.toLowerCase().includes(filter.toLowerCase()) || c.code === filter.toUpperCase());
  return (
    <Form className="form-grid inline-form" onSubmit={() => save.run()} data-testid="zone-form">
      <label className="field">
        <span className="field-label">Zone name</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} data-testid="zone-name" />
        <FieldProblem message={problems.fields.name} />
      </label>
      <div className="field span-2">
        <span className="field-label">
          Countries ({countries.length} chosen){' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setCountries(COUNTRIES.filter((c) => c.eu).map((c) => c.code))}>
            All EU
          </button>
        </span>
        <input className="input" placeholder="Filter countries" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="zone-filter" />
        <div className="country-grid">
          {shown.map((c) => (
            <label key={c.code} className="logi-check">
              <input
                className="checkbox"
                type="checkbox"
                checked={countries.includes(c.code)}
                onChange={(e) => setCountries(e.target.checked ? [...countries, c.code] : countries.filter((x) => x !== c.code))}
                data-testid={`zone-country-${c.code}`}
              />{' '}
              {c.name}
            </label>
          ))}
        </div>
        <FieldProblem message={problems.fields.countries ?? Object.entries(problems.fields).find(([k]) => k.startsWith('countries.'))?.[1]} />
      </div>
      {problems.message && <Callout tone="danger">{problems.message}</Callout>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="zone-save">
          {zone ? 'Save zone' : 'Add zone'}
        </button>
      </div>
    </Form>
  );
}

function RateForm({ provider, zones }: { provider: LogisticsProvider; zones: ShippingZone[] }) {
  const actions = useActions();
  const [values, setValues] = useState({ zoneId: zones[0].id, currency: 'EUR', minGrams: '0', maxGrams: '', amount: '' });
  const [problems, setProblems] = useState<Problems>(NONE);
  const add = useAction(async () => {
    const amountMinor = parseMinor(values.amount, values.currency);
    const grams = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
    if (amountMinor === null) {
      setProblems({ fields: { amountMinor: `is not an amount in ${values.currency} (e.g. 4.90)` }, message: null });
      return;
    }
    try {
      await actions.logistics('logistics.saveRate', {
        providerId: provider.id,
        zoneId: values.zoneId,
        currency: values.currency,
        minGrams: grams(values.minGrams),
        maxGrams: values.maxGrams.trim() === '' ? null : grams(values.maxGrams),
        amountMinor,
      });
      setProblems(NONE);
      setValues({ ...values, minGrams: values.maxGrams.trim() === '' ? values.minGrams : String(grams(values.maxGrams) + 1), maxGrams: '', amount: '' });
      actions.logisticsChanged();
    } catch (error) {
      setProblems(problemsOf(error));
    }
  });
  return (
    <Form className="form-row rate-form" onSubmit={() => add.run()} data-testid="rate-form">
      <label className="field">
        <span className="field-label">Zone</span>
        <select className="input" value={values.zoneId} onChange={(e) => setValues({ ...values, zoneId: Number(e.target.value) })} data-testid="rate-zone">
          {zones.map((z) => (
            <option key={z.id} value={z.id}>
              {z.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-narrow">
        <span className="field-label">Currency</span>
        <input className="input" value={values.currency} maxLength={3} onChange={(e) => setValues({ ...values, currency: e.target.value.toUpperCase() })} data-testid="rate-currency" />
        <FieldProblem message={problems.fields.currency} />
      </label>
      <label className="field field-narrow">
        <span className="field-label">From (g)</span>
        <input className="input" inputMode="numeric" value={values.minGrams} onChange={(e) => setValues({ ...values, minGrams: e.target.value })} data-testid="rate-min" />
        <FieldProblem message={problems.fields.minGrams} />
      </label>
      <label className="field field-narrow">
        <span className="field-label">Up to and including (g)</span>
        <input className="input" inputMode="numeric" placeholder="no limit" value={values.maxGrams} onChange={(e) => setValues({ ...values, maxGrams: e.target.value })} data-testid="rate-max" />
        <FieldProblem message={problems.fields.maxGrams} />
      </label>
      <label className="field field-narrow">
        <span className="field-label">Price</span>
        <input className="input" inputMode="decimal" placeholder="4.90" value={values.amount} onChange={(e) => setValues({ ...values, amount: e.target.value })} data-testid="rate-amount" />
        <FieldProblem message={problems.fields.amountMinor} />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={add.busy} data-testid="rate-add">
          Add rate
        </button>
      </div>
      {problems.message && <Callout tone="danger">{problems.message}</Callout>}
    </Form>
  );
}
