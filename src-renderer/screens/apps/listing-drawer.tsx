// The editor of one app or theme listing (My Apps, and an app's product from Store → Products): sales fields,
// redirect URIs, the Authorization URL, permissions, Start URL and developer email; ListingSide beside it.
import { listingCreateSchema, listingUpdateSchema } from '../../../src-shared/api/app-store-inputs';
import type { DeveloperApp } from '../../../src-shared/api/app-store-types';
import { type ListingKind } from '../../../src-shared/domain/app-store';
import { OAUTH_SCOPE_LABELS, OAUTH_SCOPE_TITLES, OAUTH_SCOPES, type OAuthScope } from '../../../src-shared/domain/oauth-scopes';
import { useActions } from '../../state/store-context';
import { useActing, useShopDefaults } from '../../state/use-shop';
import { CheckboxField, ChoiceField, Field, FieldError, SelectField, TextAreaField, TextField, errorText } from '../../ui/fields';
import { useLatestLoad } from '../../state/use-latest-load';
import { FormDrawer } from '../../ui/form-drawer';
import { useItemForm } from '../../ui/use-form';
import { PriceFields, priceInputOf, priceProblems, priceValuesOf } from '../store/store-ui';
import { VisibilityBadge } from './apps-ui';
import { ListingSide } from './listing-side';
import './my-apps-screen.css';
import '../store/products-screen.css';

interface ListingValues {
  kind: ListingKind;
  name: string;
  description: string;
  priceMinor: string;
  currency: string;
  vatRateBp: string;
  isActive: boolean;
  /** One URI a line. */
  redirectUris: string;
  scopes: OAuthScope[];
  authorizationUrl: string;
  startUrl: string;
  developerEmail: string;
  themeId: string;
}

function valuesOf(app: DeveloperApp | null, defaults: { currency: string }): ListingValues {
  return {
    kind: app?.kind ?? 'app',
    name: app?.name ?? '',
    description: app?.description ?? '',
    ...priceValuesOf(app, defaults),
    isActive: app?.isActive ?? true,
    redirectUris: app?.redirectUris.join('\n') ?? '',
    scopes: app?.scopes ?? [],
    authorizationUrl: app?.authorizationUrl ?? '',
    startUrl: app?.startUrl ?? '',
    developerEmail: app?.developerEmail ?? '',
    themeId: app?.themeId != null ? String(app.themeId) : '',
  };
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

function inputOf(companyId: number, v: ListingValues) {
  const isApp = v.kind === 'app';
  return {
    companyId,
    kind: v.kind,
    name: v.name,
    description: v.description,
    ...priceInputOf(v),
    isActive: v.isActive,
    redirectUris: isApp ? lines(v.redirectUris) : [],
    scopes: isApp ? v.scopes : [],
    authorizationUrl: isApp ? orNull(v.authorizationUrl) : null,
    startUrl: isApp ? orNull(v.startUrl) : null,
    developerEmail: v.developerEmail.trim(),
    themeId: !isApp && v.themeId !== '' ? Number(v.themeId) : null,
  };
}

function updateOf(app: DeveloperApp, v: ListingValues) {
  const { kind: _kind, ...rest } = inputOf(app.companyId, { ...v, kind: app.kind });
  return { ...rest, appId: app.id, vatRateBp: rest.vatRateBp ?? app.vatRateBp };
}

/** A redirect URI's problem is reported per line ("redirectUris.1"); the textarea shows the first. */
function redirectProblem(error: (field: string) => string | undefined): string | undefined {
  const whole = error('redirectUris');
  if (whole) return errorText('Redirect URIs', whole);
  for (let i = 0; i < 20; i++) {
    const line = error(`redirectUris.${i}`);
    if (line) return `Redirect URI on line ${i + 1} ${line}`;
  }
  return undefined;
}

/** The editor of one listing (also what an app's product opens from Store → Products: app-product-drawer.tsx). */
export function ListingDrawer({
  app,
  onClose,
  onCreated,
}: {
  app: DeveloperApp | null;
  onClose: () => void;
  onCreated: (app: DeveloperApp, clientSecret: string | null) => (() => void) | undefined;
}) {
  const acting = useActing();
  const defaults = useShopDefaults();
  const actions = useActions();
  const companyId = acting?.id ?? 0;
  const isNew = app === null;
  const themes = useLatestLoad(companyId ? () => actions.themeChoices(companyId) : null, [actions, companyId]).data ?? [];
  const form = useItemForm('listing', app, valuesOf(app, defaults), {
    create: listingCreateSchema,
    update: listingUpdateSchema,
    toCreate: (values: ListingValues) => inputOf(companyId, values),
    toUpdate: (values, edited) => updateOf(edited, values),
    extra: priceProblems,
  });
  const v = form.values;
  const kind = app?.kind ?? v.kind;
  const scopesError = form.error('scopes');
  const toggleScope = (scope: OAuthScope) =>
    form.setValue('scopes', v.scopes.includes(scope) ? v.scopes.filter((s) => s !== scope) : OAUTH_SCOPES.filter((s) => s === scope || v.scopes.includes(s)));

  return (
    <FormDrawer
      form={form}
      testId="listing-form"
      size="wide"
      isNew={isNew}
      title={isNew ? 'New app or theme' : app.name}
      subtitle={isNew ? `Adds an app or theme product to ${defaults.shopName}, in Development.` : `${kind === 'theme' ? 'Theme' : 'App'} · product #${app.productId}`}
      badges={app && <VisibilityBadge visibility={app.visibility} />}
      submitLabel={isNew ? 'Create' : undefined}
      onClose={onClose}
      onSubmit={async (values) => {
        if (isNew) {
          const created = await actions.createListing(inputOf(companyId, values));
          return onCreated(created.app, created.clientSecret);
        }
        await actions.updateListing(updateOf(app, values));
      }}
      aside={app && <ListingSide app={app} />}
    >
      {isNew && (
        <ChoiceField<ListingValues, ListingKind>
          form={form}
          name="kind"
          legend="Kind"
          testIdPrefix="listing-kind"
          options={[
            { value: 'app', title: 'App', description: 'An OAuth client of the platform API; with a Start URL it opens inside the console.' },
            { value: 'theme', title: 'Theme', description: 'A storefront theme: installing copies it into the buyer’s themes.' },
          ]}
        />
      )}
      <h3 className="form-section-title">Sales</h3>
      <div className="form-grid">
        <TextField form={form} name="name" label="Name" required className="span-2" />
        <TextAreaField form={form} name="description" label="Description" rows={3} className="span-2" hint="The App Store page: what it does and for whom." />
        <CheckboxField form={form} name="isActive" label="Available for sale" hint="Unavailable listings show only to you." />
      </div>
      <PriceFields
        form={form}
        describe={(amount) => `${amount ? `${amount} once` : 'Paid once'}, in Release (Beta is free)`}
        vatPlaceholder="Shop default"
      />

      <h3 className="form-section-title">{kind === 'theme' ? 'Theme' : 'API credentials'}</h3>
      {kind === 'theme' ? (
        <SelectField
          form={form}
          name="themeId"
          label="Theme buyers receive"
          options={[{ value: '', label: 'Choose one of your themes' }, ...themes.map((t) => ({ value: String(t.id), label: `${t.name} ${t.version}` }))]}
          hint="Installing copies this theme into the buyer’s Content → Themes."
        />
      ) : (
        <div className="form-grid">
          <Field formId={form.id} name="redirectUris" label="Redirect URIs" className="span-2" hint="One a line, matched exactly. https, or http on 127.0.0.1 / localhost." error={redirectProblem(form.error)}>
            {(control) => (
              <textarea
                {...control}
                className="input textarea"
                rows={3}
                value={v.redirectUris}
                placeholder="https://your-app.example/oauth/callback"
                data-testid="input-redirectUris"
                onChange={(e) => form.setValue('redirectUris', e.target.value)}
                onBlur={() => form.blur('redirectUris')}
              />
            )}
          </Field>
          <TextField
            form={form}
            name="authorizationUrl"
            label="Authorization URL"
            className="span-2"
            placeholder="One of the redirect URIs"
            hint="Installing from the App Store sends the user here with a code and the permissions as scope."
          />
          <fieldset className="field span-2 scope-picker" data-testid="field-scopes">
            <legend className="field-label">Permissions</legend>
            <div className="scope-grid">
              {OAUTH_SCOPES.map((scope) => (
                <label key={scope} className="checkbox-line" title={OAUTH_SCOPE_LABELS[scope]}>
                  <input type="checkbox" className="checkbox" checked={v.scopes.includes(scope)} onChange={() => toggleScope(scope)} data-testid={`scope-${scope}`} />
                  <span>
                    <strong>{OAUTH_SCOPE_TITLES[scope]}</strong> <span className="muted small">{scope}</span>
                  </span>
                </label>
              ))}
            </div>
            {!isNew && <p className="field-hint">Changing permissions notifies installed companies (webhook app/update); removed ones are taken from their grants.</p>}
            <FieldError formId={form.id} field="scopes" message={scopesError ? errorText('Permissions', scopesError) : undefined} />
          </fieldset>
          <TextField form={form} name="startUrl" label="Start URL" className="span-2" placeholder="https://your-app.example/app" hint="Makes it an embedded app under Extensions / Manage Apps." />
        </div>
      )}
      <TextField form={form} name="developerEmail" label="Developer email" type="email" hint="Buyers and the operator write here; approval decisions arrive here." />
    </FormDrawer>
  );
}
