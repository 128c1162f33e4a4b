// Company settings of one company: the same fields as "New company" (payment route and sample flag can be
// changed later), white label for partners, partner duties, and ending the partner relation (either side).
import { useEffect, useMemo, useRef } from 'react';
import type { Company } from '../../src-shared/api/types';
import { vatIdExample } from '../../src-shared/domain/vat-id';
import { switchCompany } from '../frame/switch-company';
import { navigate } from '../router/use-route';
import { useActions, useApp } from '../state/store-context';
import { PartnerBadge } from '../ui/badges';
import { ConfirmActionDialog } from '../ui/dialog';
import { TextField } from '../ui/fields';
import { formatDateTime } from '../ui/format';
import { Icon } from '../ui/icons';
import { Card } from '../ui/page';
import { CopyButton } from '../ui/copy-button';
import { SaveChangesFooter } from '../ui/form-footer';
import { Callout } from '../ui/states';
import { useConfirmedAction } from '../ui/use-action';
import { useForm, type FormApi } from '../ui/use-form';
import {
  AdvancedCard,
  CompanyDataFields,
  companyValuesOf,
  updateCompanyValidator,
  updateInputOf,
  type CompanyEditScope,
  type CompanyFormValues,
} from './company-form';
import { DeleteCompanyCard } from './delete-company-card';
import { TOKEN_TEXT, VAT_TEXT } from './company-texts';
import { BillingFactsCard } from './billing-facts-card';
import { CnameInstructions, LogoCard, PartnerDutiesCard, useWhiteLabel } from './white-label';
import { PaymentMethodCard } from '../areas/billing/payment-method-card';
import { useCapabilities } from '../state/use-capabilities';
import { Form } from '../ui/form';
import './company-settings-panel.css';

/**
 * The sample flag and the payment route are the managing partner's decision ("partners can switch the
 * models at any time in the company settings"): editable for the partner, from its client list or while
 * acting as the client; read-only for the client's own users, who must not make themselves unbilled.
 */
export function CompanySettingsPanel({ company }: { company: Company }) {
  const home = useApp((s) => s.session.info?.home ?? null);
  const actions = useActions();
  const managedByViewer = Boolean(home?.isPartner && company.partnerId !== null && company.partnerId === home.id);
  const scope: CompanyEditScope = useMemo(
    () => ({ adminDomain: company.isPartner, advanced: managedByViewer && !company.isPartner }),
    [company.isPartner, managedByViewer],
  );
  const validate = useMemo(() => updateCompanyValidator(scope), [scope]);
  const form = useForm(`company-${company.id}`, companyValuesOf(company), validate, { leaveGuard: `Company settings of ${company.name}` });
  const partnerName = company.partnerName ?? home?.name ?? 'the partner';
  const caps = useCapabilities();

  // Changes made elsewhere (another window, the CLI) replace the form while it has no unsaved edits.
  const { dirty, reset } = form;
  const shownVersion = useRef(company.updatedAt);
  useEffect(() => {
    if (shownVersion.current === company.updatedAt) return;
    shownVersion.current = company.updatedAt;
    if (!dirty) reset(companyValuesOf(company));
  }, [company, dirty, reset]);

  const save = () =>
    form.submit(async (values) => {
      const updated = await actions.updateCompany(updateInputOf(company.id, values, scope));
      form.reset(companyValuesOf(updated));
    });

  return (
    <div className="settings-layout" data-testid="company-settings">
      <div className="settings-main">
      <Form className="form-layout" noValidate onSubmit={save}>
        <Card title="Company data" description={`Last changed ${formatDateTime(company.updatedAt)}`}>
          <CompanyDataFields form={form} />
        </Card>

        {!scope.advanced ? (
          <Card title="Tax and identification" className="card-advanced">
            <AdvancedIdentityOnly form={form} />
          </Card>
        ) : (
          <AdvancedCard
            form={form}
            partnerName={partnerName}
            description="Payment route and sample flag can be changed at any time; the route in effect at month close applies to the whole month."
          />
        )}

        {company.isPartner && (
          <Card
            title="White label"
            description="Your own admin domain: your clients sign in under your brand, and their welcome emails and console show this address."
            testId="white-label"
          >
            <div className="form-grid">
              <TextField
                form={form}
                name="adminDomain"
                label="Admin domain"
                placeholder="admin.example.com"
                hint="Leave empty to use the platform's own admin address."
                className="span-2"
              />
            </div>
            <PartnerCname companyId={company.id} adminDomain={form.values.adminDomain} />
          </Card>
        )}

        <SaveChangesFooter form={form} onDiscard={() => form.reset(companyValuesOf(company))} />
      </Form>
      {company.isPartner && home?.id === company.id && <LogoCard companyId={company.id} companyName={company.name} />}
      {caps.billing && <PaymentMethodCard company={company} />}
      </div>

      <aside className="settings-aside">
        {company.isPartner ? (
          <PartnerDutiesCard />
        ) : (
          <>
            <AdminAddressCard />
            {!scope.advanced && <ClientBillingFacts company={company} />}
            <RelationCard company={company} />
            {managedByViewer && <DeleteCompanyCard company={company} />}
          </>
        )}
      </aside>
    </div>
  );
}

/** A partner is not a shop: no sample flag or payment route, only its tax and identification data. */
function AdvancedIdentityOnly({ form }: { form: FormApi<CompanyFormValues> }) {
  const example = vatIdExample(form.values.country);
  return (
    <div className="form-grid">
      <TextField form={form} name="vatId" label="VAT-ID" placeholder={example ? `e.g. ${example}` : undefined} hint={VAT_TEXT} />
      <TextField form={form} name="token" label="Token" hint={TOKEN_TEXT} />
    </div>
  );
}

/** Sample flag and payment route, read-only: only the partner changes them, from its client list. */
function ClientBillingFacts({ company }: { company: Company }) {
  return (
    <BillingFactsCard
      company={company}
      testId="billing-facts"
      kindTexts={{ sample: 'Never billed; no end-user sales.', development: 'For testing apps: takes test orders, never billed.', real: 'Sells to end users and is billed monthly.' }}
    >
      {company.partnerId && <p className="muted small">{company.partnerName} sets the payment route and the sample flag.</p>}
    </BillingFactsCard>
  );
}

function PartnerCname({ companyId, adminDomain }: { companyId: number; adminDomain: string }) {
  const label = useWhiteLabel(companyId);
  return <CnameInstructions label={label?.data ?? null} adminDomain={adminDomain} />;
}

/** A client's admin address: its partner's admin domain (white label), shown to the client's users. */
function AdminAddressCard() {
  const brand = useApp((s) => s.session.info?.brand ?? null);
  if (!brand?.adminDomain) return null;
  const url = `https://${brand.adminDomain}/`;
  return (
    <Card title="Admin address" testId="admin-address">
      <div className="copy-row">
        <code className="copy-value" data-testid="admin-address-url">
          {url}
        </code>
        <CopyButton value={url} />
      </div>
      <p className="muted small">Where the users of this company sign in to the admin interface, provided by {brand.partnerName}.</p>
    </Card>
  );
}

export function RelationCard({ company }: { company: Company }) {
  const info = useApp((s) => s.session.info);
  const actions = useActions();
  const viewerIsPartner = Boolean(info?.home?.isPartner && company.partnerId === info.home.id);
  const end = useConfirmedAction(async (ending: Company) => {
    await actions.endRelation(ending.id);
    if (viewerIsPartner) {
      // The company is no longer ours: leave it.
      if (info && !info.isSelf) await switchCompany(actions, null, { name: 'companies' });
      else navigate({ name: 'companies' });
    }
  });

  if (!company.partnerId) {
    return (
      <Card title="Partner relation" testId="relation-card">
        <p className="muted">This company manages itself; no partner manages it.</p>
      </Card>
    );
  }

  return (
    <Card title="Partner relation" testId="relation-card">
      <div className="relation">
        <div className="relation-partner">
          <Icon name="handshake" size={18} />
          <div>
            <div className="relation-name">
              {company.partnerName} <PartnerBadge />
            </div>
            <div className="muted">{viewerIsPartner && info?.isSelf ? 'Your partner company manages this client' : `manages ${company.name}`}</div>
          </div>
        </div>
        <p className="muted small">
          Either side can end the relation. {company.name} keeps its data and users; {company.partnerName} can no longer act as it.
        </p>
        <button type="button" className="btn btn-danger-outline" onClick={() => end.ask(company)} data-testid="end-relation">
          End partner relation
        </button>
      </div>
      <ConfirmActionDialog action={end} title={() => 'End the partner relation?'} confirmLabel="End relation" danger>
        {() => (
          <>
          <p>
            {viewerIsPartner
              ? `${company.name} will no longer be your client and disappears from your companies.`
              : `${company.partnerName} will no longer manage ${company.name}.`}{' '}
            Apps that {company.partnerName}'s users authorized for {company.name} are revoked (uninstalled), and their
            tokens stop working. To work together again, the company's administrator has to send a new partner request.
          </p>
          {company.paymentRoute === 'via_partner' && (
            <Callout tone="warning">Its reports and invoices currently go via the partner; check the payment route afterwards.</Callout>
          )}
          </>
        )}
      </ConfirmActionDialog>
    </Card>
  );
}
