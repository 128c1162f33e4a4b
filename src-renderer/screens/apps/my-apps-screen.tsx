// Extensions / My Apps (#/extensions/my-apps): the acting shop's app and theme listings (spec §6, the
// developer's view). Each listing is a product of the shop (sales fields) with its API credentials: Client
// ID, the Shared Secret revealed on demand and rotatable, redirect URIs, the Authorization URL (one of the
// redirect URIs), permissions, Start URL and developer email. From the editor the developer requests the
// operator's approval and, once approved, moves the listing between Beta and Release.
import { useEffect, useMemo, useState } from 'react';
import { listingCreateSchema, listingUpdateSchema } from '../../../src-shared/api/app-store-inputs';
import type { DeveloperApp } from '../../../src-shared/api/app-store-types';
import { VISIBILITY_HELP, type ListingKind } from '../../../src-shared/domain/app-store';
import { OAUTH_SCOPE_LABELS, OAUTH_SCOPE_TITLES, OAUTH_SCOPES, type OAuthScope } from '../../../src-shared/domain/oauth-scopes';
import { href } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { useActions, useApp } from '../../state/store-context';
import { useActing, useShopDefaults } from '../../state/use-shop';
import { CopyButton } from '../../ui/copy-button';
import { ConfirmDialog, Modal } from '../../ui/dialog';
import { CheckboxField, ChoiceField, Field, FieldError, SelectField, TextAreaField, TextField, errorText } from '../../ui/fields';
import { CancelConfirm } from '../../ui/form-footer';
import { Loaded } from '../../ui/loadable';
import { Table, type TableColumn } from '../../ui/table';
import { useAction } from '../../ui/use-action';
import { useLatestLoad } from '../../state/use-latest-load';
import { FormDrawer } from '../../ui/form-drawer';
import { formatDateTime, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { bpToPercentText, moneyInputText, parseMoney, percentTextToBp } from '../../ui/money';
import { Card, PageHeader } from '../../ui/page';
import { Callout, EmptyState, SkeletonRows } from '../../ui/states';
import { useForm, zodValidator } from '../../ui/use-form';
import { PriceFields, priceProblems } from '../store/store-ui';
import { ApprovalBadge, ListingIcon, VisibilityBadge, listingPrice } from './apps-ui';
import './my-apps-screen.css';
import '../store/products-screen.css';

const MY_APPS_COLUMNS: TableColumn<DeveloperApp>[] = [
  {
    header: 'App',
    cell: (app) => (
      <div className="listing-cell">
        <ListingIcon name={app.name} kind={app.kind} />
        <div>
          <a href={href({ name: 'my-apps', appId: app.id })} onClick={(e) => e.stopPropagation()}>
            <strong>{app.name}</strong>
          </a>
          <div className="muted small">{app.kind === 'theme' ? `Theme · ${app.themeName ?? 'no theme chosen'}` : `App · ${app.clientId}`}</div>
        </div>
      </div>
    ),
  },
  {
    header: 'State',
    cell: (app) => (
      <span className="badge-row">
        <VisibilityBadge visibility={app.visibility} testId={`my-app-${app.id}-visibility`} />
        <ApprovalBadge approval={app.approval} testId={`my-app-${app.id}-approval`} />
        {!app.isActive && <span className="badge">Not for sale</span>}
      </span>
    ),
  },
  { header: 'Price', cell: (app) => listingPrice(app) },
  { header: 'Installs', cell: (app) => app.activeInstalls },
  { header: 'Updated', className: 'muted', headerClassName: '', cell: (app) => formatDateTime(app.updatedAt) },
];

export function MyAppsScreen({ appId }: { appId: number | 'new' | null }) {
  const acting = useActing();
  const list = useApp((s) => (acting ? s.apps.myApps[acting.id] : undefined));
  const actions = useActions();
  const [secret, setSecret] = useState<{ name: string; clientId: string | null; clientSecret: string } | null>(null);

  useEffect(() => {
    if (acting) void actions.loadMyApps(acting.id);
  }, [actions, acting]);
  if (!acting) return null;
  const apps = list?.data ?? null;
  const open = typeof appId === 'number' ? (apps?.find((a) => a.id === appId) ?? null) : null;
  const close = () => navigate({ name: 'my-apps', appId: null });

  return (
    <div className="page" data-testid="my-apps">
      <PageHeader
        title="My Apps"
        subtitle={`Apps and themes ${acting.name} offers in the App Store. Each one is a product of your shop; in Development only you and your related companies see it.`}
        actions={
          <a className="btn btn-primary" href={href({ name: 'my-apps', appId: 'new' })} data-testid="new-listing">
            <Icon name="plus" /> New app or theme
          </a>
        }
      />
      <Loaded
        value={list}
        errorTitle="Could not load your apps"
        onRetry={() => void actions.loadMyApps(acting.id)}
        loading={<SkeletonRows rows={3} columns={5} />}
        empty={
          <EmptyState icon="code" title="No apps yet" testId="my-apps-empty">
            <p>Create an app (an OAuth client, optionally embedded in the console) or a theme. It starts in Development; request approval to list it for everyone.</p>
          </EmptyState>
        }
      >
        {(listings) => (
          <Card title={plural(listings.length, 'listing', 'listings')} flush>
            <Table testId="my-apps-table" rows={listings} rowKey={(app) => app.id} rowClassName={() => 'row-link'} rowTestId={(app) => `my-app-${app.id}`} onRowClick={(app) => navigate({ name: 'my-apps', appId: app.id })} columns={MY_APPS_COLUMNS} />
          </Card>
        )}
      </Loaded>

      {appId === 'new' && (
        <ListingDrawer
          key="new"
          app={null}
          onClose={close}
          onCreated={(created, clientSecret) => {
            if (clientSecret) setSecret({ name: created.name, clientId: created.clientId, clientSecret });
            return () => navigate({ name: 'my-apps', appId: created.id });
          }}
        />
      )}
      {open && <ListingDrawer key={open.id} app={open} onClose={close} onCreated={() => undefined} />}
      {typeof appId === 'number' && apps && !open && (
        <Callout tone="warning" title="Not found" testId="my-app-missing">
          App {appId} is not one of {acting.name}'s listings.
        </Callout>
      )}
      {secret && <SecretOnceDialog {...secret} onClose={() => setSecret(null)} />}
    </div>
  );
}

/** The shared secret in clear, right after it was made (create or rotate). */
function SecretOnceDialog({ name, clientId, clientSecret, onClose }: { name: string; clientId: string | null; clientSecret: string; onClose: () => void }) {
  return (
    <Modal
      title={`API credentials of ${name}`}
      onClose={onClose}
      testId="secret-dialog"
      size="medium"
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose} data-autofocus>
          Done
        </button>
      }
    >
      <p>Put these into your app's configuration. You can reveal the shared secret again later under My Apps; it is stored encrypted.</p>
      <dl className="facts">
        {clientId && (
          <div>
            <dt>Client ID</dt>
            <dd>
              <code>{clientId}</code> <CopyButton value={clientId} />
            </dd>
          </div>
        )}
        <div>
          <dt>Shared secret</dt>
          <dd>
            <code data-testid="secret-once">{clientSecret}</code> <CopyButton value={clientSecret} />
          </dd>
        </div>
      </dl>
    </Modal>
  );
}

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
    priceMinor: app ? moneyInputText(app.priceMinor, app.currency) : '',
    currency: app?.currency ?? defaults.currency,
    vatRateBp: app ? bpToPercentText(app.vatRateBp) : '',
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
  const price = parseMoney(v.priceMinor, v.currency);
  const isApp = v.kind === 'app';
  return {
    companyId,
    kind: v.kind,
    name: v.name,
    description: v.description,
    priceMinor: price.ok ? price.minor : Number.NaN,
    currency: v.currency,
    vatRateBp: v.vatRateBp.trim() === '' ? undefined : (percentTextToBp(v.vatRateBp) ?? Number.NaN),
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
  const validate = useMemo(
    () =>
      isNew
        ? zodValidator(listingCreateSchema, (v: ListingValues) => inputOf(companyId, v), priceProblems)
        : zodValidator(listingUpdateSchema, (v: ListingValues) => updateOf(app, v), priceProblems),
    [companyId, isNew, app],
  );
  const form = useForm<ListingValues>(`listing-${app?.id ?? 'new'}`, valuesOf(app, defaults), validate);
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

/** How long a rotated-out secret keeps working (Svix's default is 24 hours; at most 7 days). */
const GRACE_CHOICES: [number, string][] = [
  [0, 'stops working now'],
  [3_600, 'keeps working for 1 hour'],
  [86_400, 'keeps working for 24 hours'],
  [3 * 86_400, 'keeps working for 3 days'],
  [7 * 86_400, 'keeps working for 7 days'],
];
const DEFAULT_GRACE_SECONDS = 86_400;

/** Beside the form of an existing listing: credentials (reveal, rotate) and approval (request, Beta/Release). */
function ListingSide({ app }: { app: DeveloperApp }) {
  const actions = useActions();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [graceSeconds, setGraceSeconds] = useState(DEFAULT_GRACE_SECONDS);
  const [rotated, setRotated] = useState<string | null>(null);
  const [requesting, setRequesting] = useState(false);
  const [message, setMessage] = useState('');
  // One action at a time: every button waits while one runs.
  const action = useAction((fn: () => Promise<unknown>) => fn());
  const { busy, run } = action;
  const request = app.latestRequest;

  return (
    <div className="listing-side">
      {app.kind === 'app' && (
        <Card title="Client credentials" testId="credentials-card">
          <dl className="facts">
            <div>
              <dt>Client ID</dt>
              <dd>
                <code data-testid="client-id">{app.clientId}</code> <CopyButton value={app.clientId ?? ''} />
              </dd>
            </div>
            <div>
              <dt>Shared secret</dt>
              <dd>
                {revealed ? (
                  <>
                    <code data-testid="client-secret">{revealed}</code> <CopyButton value={revealed} />{' '}
                    <button type="button" className="btn btn-small" onClick={() => setRevealed(null)}>
                      Hide
                    </button>
                  </>
                ) : (
                  <>
                    <code aria-label="hidden">••••••••••••••••</code>{' '}
                    <button type="button" className="btn btn-small" disabled={busy} data-testid="reveal-secret" onClick={() => void run(async () => setRevealed(await actions.revealSecret(app.companyId, app.id)))}>
                      Reveal
                    </button>
                  </>
                )}{' '}
                <button type="button" className="btn btn-small btn-danger-outline" disabled={busy} data-testid="rotate-secret" onClick={() => setConfirmRotate(true)}>
                  Rotate…
                </button>
                {app.secretRotatedAt && <div className="muted small">Rotated {formatDateTime(app.secretRotatedAt)}</div>}
                {app.previousSecretValidUntil && (
                  <div className="muted small" data-testid="previous-secret-grace">
                    The previous secret works until {formatDateTime(app.previousSecretValidUntil)} (webhooks carry both signatures)
                  </div>
                )}
              </dd>
            </div>
          </dl>
        </Card>
      )}

      <Card title="App Store approval" testId="approval-card">
        <p>
          <VisibilityBadge visibility={app.visibility} /> <ApprovalBadge approval={app.approval} testId="approval-status" />
        </p>
        <p className="muted small">{VISIBILITY_HELP[app.visibility]}.</p>
        {request?.decision === 'rejected' && (
          <Callout tone="danger" title="Rejected by the operator" testId="rejection-reason">
            {request.reason}
          </Callout>
        )}
        {request?.decision === 'approved' && request.reason && <p className="small">Note from the operator: {request.reason}</p>}
        {app.approval === 'pending' && <p className="small">Requested {formatDateTime(request?.requestedAt)}; the operator decides.</p>}
        {Object.keys(app.readiness).length > 0 && app.approval !== 'approved' && (
          <ul className="small readiness" data-testid="readiness">
            {Object.entries(app.readiness).map(([field, text]) => (
              <li key={field}>{text}</li>
            ))}
          </ul>
        )}
        {(app.approval === 'none' || app.approval === 'rejected') && (
          <button type="button" className="btn btn-primary" disabled={busy || Object.keys(app.readiness).length > 0} data-testid="request-approval" onClick={() => setRequesting(true)}>
            <Icon name="send" /> Request approval
          </button>
        )}
        {app.approval === 'approved' && (
          <button
            type="button"
            className="btn"
            disabled={busy}
            data-testid="toggle-visibility"
            onClick={() => void run(() => actions.setListingVisibility(app.companyId, app.id, app.visibility === 'beta' ? 'release' : 'beta'))}
          >
            {app.visibility === 'beta' ? 'End the Beta: move to Release' : 'Back to Beta'}
          </button>
        )}
      </Card>

      {confirmRotate && (
        <ConfirmDialog
          title={`Rotate the shared secret of ${app.name}?`}
          confirmLabel="Rotate secret"
          danger
          busy={busy}
          onCancel={() => setConfirmRotate(false)}
          onConfirm={() =>
            void run(async () => {
              const result = await actions.rotateSecret(app.companyId, app.id, graceSeconds);
              setConfirmRotate(false);
              setRevealed(null);
              setRotated(result.clientSecret);
            })
          }
        >
          <Field formId="rotate-secret" name="graceSeconds" label="The current secret" hint={graceSeconds === 0 ? 'For a leaked secret: apps still using it fail at once.' : 'Meanwhile both secrets authenticate the app, and webhooks carry two signatures (new and old) in webhook-signature; the payload hash uses the new secret.'}>
            {(control) => (
              <select {...control} className="input select" value={graceSeconds} onChange={(e) => setGraceSeconds(Number(e.target.value))} data-testid="rotate-grace">
                {GRACE_CHOICES.map(([seconds, label]) => (
                  <option key={seconds} value={seconds}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p className="small">Tokens already issued stay valid. The new secret is shown once, next.</p>
        </ConfirmDialog>
      )}
      {rotated && <SecretOnceDialog name={app.name} clientId={app.clientId} clientSecret={rotated} onClose={() => setRotated(null)} />}
      {requesting && (
        <Modal
          title={`Request approval of ${app.name}`}
          onClose={() => setRequesting(false)}
          testId="request-dialog"
          footer={
            <CancelConfirm
              onCancel={() => setRequesting(false)}
              busy={busy}
              confirmLabel="Send to the operator"
              confirmTestId="send-request"
              onConfirm={() =>
                void run(async () => {
                  await actions.requestApproval(app.companyId, app.id, message);
                  setRequesting(false);
                })
              }
            />
          }
        >
          <p>The platform operator reviews the listing and approves it into Beta (free for everyone) or Release (bought), or tells you what to change.</p>
          <Field formId="approval-request" name="message" label="Note for the operator (optional)">
            {(control) => <textarea {...control} className="input textarea" rows={3} value={message} maxLength={1000} onChange={(e) => setMessage(e.target.value)} data-testid="request-message" />}
          </Field>
        </Modal>
      )}
    </div>
  );
}

