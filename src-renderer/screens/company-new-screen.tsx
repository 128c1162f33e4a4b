// New company (#/companies/new): company data, the "Advanced" box and the affiliation attestation, with
// three ways to finish — Save, Save and add user, Save and go to shop settings. Nothing is saved on error.
import { useState } from 'react';
import { switchCompany } from '../frame/switch-company';
import { href } from '../router/routes';
import { navigate } from '../router/use-route';
import { useActions, useApp } from '../state/store-context';
import { CheckboxField } from '../ui/fields';
import { Card, PageHeader } from '../ui/page';
import { BusyButton, FormFooter } from '../ui/form-footer';
import { useForm } from '../ui/use-form';
import { leaveNow } from '../router/leave-guard';
import { AdvancedCard, CompanyDataFields, createCompanyValidator, createInputOf, emptyCompanyValues } from './company-form';
import { Form } from '../ui/form';
import './company-settings-panel.css';

type Finish = 'save' | 'add-user' | 'shop-settings';

export function CompanyNewScreen() {
  const home = useApp((s) => s.session.info?.home ?? null);
  const actions = useActions();
  const form = useForm('new-company', emptyCompanyValues(home?.country ?? 'DE'), createCompanyValidator, { leaveGuard: 'New company' });
  const [finishing, setFinishing] = useState<Finish | null>(null);
  const partnerName = home?.name ?? 'your partner company';

  const finish = async (how: Finish) => {
    setFinishing(how);
    try {
      await form.submit(async (values) => {
        const company = await actions.createCompany(createInputOf(values));
        if (how === 'save') navigate({ name: 'company', companyId: company.id, tab: 'details', addUser: false });
        else if (how === 'add-user') navigate({ name: 'company', companyId: company.id, tab: 'users', addUser: true });
        else {
          // Saved: nothing is left to lose, so the switch does not ask about this form.
          leaveNow(() => undefined);
          await switchCompany(actions, company.id, { name: 'shop-settings' });
        }
      });
    } finally {
      setFinishing(null);
    }
  };

  const busy = form.submitting || finishing !== null;

  return (
    <div className="page page-form" data-testid="company-new">
      <PageHeader
        back={{ href: href({ name: 'companies' }), label: 'Companies' }}
        title="New company"
        subtitle={`Set up a client company that ${partnerName} manages.`}
      />
      <Form className="form-layout" noValidate onSubmit={() => finish('save')}>
        <Card title="Company data" description="How the company appears on invoices and to its customers.">
          <CompanyDataFields form={form} autoFocus />
        </Card>

        <AdvancedCard form={form} partnerName={partnerName} description="Decide these carefully; payment route and sample flag can be changed later in the company settings." />

        <Card className="card-attest">
          <CheckboxField
            form={form}
            name="attestNotAffiliated"
            label={`I confirm that ${partnerName} is not affiliated with this company.`}
            hint="Partners may not be affiliated with the clients they set up. PartnerDeck records this confirmation."
            errorLabel={`Please confirm that ${partnerName} is not affiliated with this company.`}
          />
        </Card>

        <FormFooter
          start={
            <a className="btn btn-ghost" href={href({ name: 'companies' })}>
              Cancel
            </a>
          }
        >
          <BusyButton busy={finishing === 'add-user'} icon="users" disabled={busy} onClick={() => void finish('add-user')} testId="save-add-user">
            Save and add user
          </BusyButton>
          <BusyButton busy={finishing === 'shop-settings'} icon="store" disabled={busy} onClick={() => void finish('shop-settings')} testId="save-shop-settings">
            Save and go to shop settings
          </BusyButton>
          <BusyButton type="submit" className="btn btn-primary" busy={finishing === 'save'} icon="check" disabled={busy} testId="save">
            Save
          </BusyButton>
        </FormFooter>
      </Form>
    </div>
  );
}
