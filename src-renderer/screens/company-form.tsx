// The company fields shared by "New company" and the company settings: company data, the "Advanced" box
// (sample, payment route, VAT-ID, token) and their validation by the console's own zod schemas.
import type { FieldErrors } from '../../src-shared/api/errors';
import { companyCreateSchema, companyUpdateSchema, type CompanyCreateInput, type CompanyUpdateInput } from '../../src-shared/api/inputs';
import type { Company, PaymentRoute } from '../../src-shared/api/types';
import { COUNTRIES, findCountry } from '../../src-shared/domain/countries';
import { checkVatId, vatIdExample } from '../../src-shared/domain/vat-id';
import { ChoiceField, SelectField, TextField } from '../ui/fields';
import { Card } from '../ui/page';
import type { FormApi, Validator } from '../ui/use-form';
import { zodValidator } from '../ui/use-form';
import { PAYMENT_ROUTE_TEXT, SAMPLE_TEXT, TOKEN_TEXT, VAT_TEXT } from './company-texts';

export interface CompanyFormValues {
  name: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  vatId: string;
  token: string;
  isSample: boolean;
  paymentRoute: PaymentRoute;
  adminDomain: string;
  attestNotAffiliated: boolean;
}

export function emptyCompanyValues(country: string): CompanyFormValues {
  return {
    name: '',
    email: '',
    phone: '',
    street: '',
    postalCode: '',
    city: '',
    country: findCountry(country) ? country : 'DE',
    vatId: '',
    token: '',
    isSample: false,
    paymentRoute: 'direct',
    adminDomain: '',
    attestNotAffiliated: false,
  };
}

export function companyValuesOf(company: Company): CompanyFormValues {
  return {
    name: company.name,
    email: company.email,
    phone: company.phone,
    street: company.street,
    postalCode: company.postalCode,
    city: company.city,
    country: company.country,
    vatId: company.vatId ?? '',
    token: company.token ?? '',
    isSample: company.isSample,
    paymentRoute: company.paymentRoute,
    adminDomain: company.adminDomain ?? '',
    attestNotAffiliated: false,
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text);

/** The fields both creating and editing a company send. */
function contactOf(v: CompanyFormValues) {
  return { name: v.name, email: v.email.trim(), phone: v.phone, street: v.street, postalCode: v.postalCode, city: v.city, country: v.country, vatId: orNull(v.vatId), token: orNull(v.token) };
}

export function createInputOf(v: CompanyFormValues): CompanyCreateInput {
  return {
    ...contactOf(v),
    isSample: v.isSample,
    paymentRoute: v.paymentRoute,
    attestNotAffiliated: v.attestNotAffiliated as true,
  };
}

/** Which parts of a company the settings form edits. */
export interface CompanyEditScope {
  /** White label (partners' own settings). */
  adminDomain: boolean;
  /** Sample flag and payment route (the partner, from its Self view of a client). */
  advanced: boolean;
}

export function updateInputOf(companyId: number, v: CompanyFormValues, scope: CompanyEditScope): CompanyUpdateInput {
  const input: CompanyUpdateInput = { companyId, ...contactOf(v) };
  if (scope.adminDomain) input.adminDomain = orNull(v.adminDomain);
  if (scope.advanced) {
    input.isSample = v.isSample;
    input.paymentRoute = v.paymentRoute;
  }
  return input;
}

/** zod skips the schema's VAT-ID refinement while another field is invalid; check it on its own too. */
function vatIdCheck(v: CompanyFormValues): FieldErrors {
  if (!v.vatId.trim() || !findCountry(v.country)) return {};
  const check = checkVatId(v.vatId, v.country);
  return check.ok ? {} : { vatId: [check.message] };
}

export const createCompanyValidator: Validator<CompanyFormValues> = zodValidator(companyCreateSchema, createInputOf, vatIdCheck);

export function updateCompanyValidator(scope: CompanyEditScope): Validator<CompanyFormValues> {
  return zodValidator(companyUpdateSchema, (v: CompanyFormValues) => updateInputOf(1, v, scope), vatIdCheck);
}

const COUNTRY_OPTIONS = [...COUNTRIES]
  .sort((a, b) => a.name.localeCompare(b.name))
  .map((c) => ({ value: c.code, label: c.name }));

export function CompanyDataFields({ form, autoFocus = false }: { form: FormApi<CompanyFormValues>; autoFocus?: boolean }) {
  return (
    <div className="form-grid">
      <TextField form={form} name="name" label="Company name" required autoFocus={autoFocus} className="span-2" autoComplete="organization" />
      <TextField form={form} name="email" label="Email" type="email" placeholder="office@example.com" autoComplete="email" />
      <TextField form={form} name="phone" label="Phone" type="tel" placeholder="+49 30 1234567" autoComplete="tel" />
      <TextField form={form} name="street" label="Street" className="span-2" autoComplete="street-address" />
      <div className="form-row span-2">
        <TextField form={form} name="postalCode" label="Postal code" className="field-narrow" autoComplete="postal-code" />
        <TextField form={form} name="city" label="City" className="field-grow" autoComplete="address-level2" />
      </div>
      <SelectField form={form} name="country" label="Country" required options={COUNTRY_OPTIONS} className="span-2" />
    </div>
  );
}

/** The "Advanced" card of New company and of the settings: what it says about changing them later differs. */
export function AdvancedCard({ form, partnerName, description }: { form: FormApi<CompanyFormValues>; partnerName: string; description: string }) {
  return (
    <Card title="Advanced" description={description} className="card-advanced" testId="advanced-box">
      <AdvancedFields form={form} partnerName={partnerName} />
    </Card>
  );
}

function AdvancedFields({ form, partnerName }: { form: FormApi<CompanyFormValues>; partnerName: string }) {
  const example = vatIdExample(form.values.country);
  return (
    <div className="advanced">
      <ChoiceField<CompanyFormValues, boolean>
        form={form}
        name="isSample"
        legend="Sample company"
        testIdPrefix="sample"
        options={[
          { value: false, title: 'No', description: 'A real company: its shop sells to end users and is billed.' },
          { value: true, title: 'Yes', description: SAMPLE_TEXT },
        ]}
      />
      <ChoiceField<CompanyFormValues, PaymentRoute>
        form={form}
        name="paymentRoute"
        legend="Payment route"
        testIdPrefix="route"
        options={[
          { value: 'direct', title: 'Direct', description: PAYMENT_ROUTE_TEXT.direct },
          {
            value: 'via_partner',
            title: 'Via partner',
            description: PAYMENT_ROUTE_TEXT.via_partner.replace('your partner accounting', `${partnerName}'s partner accounting`),
          },
        ]}
      />
      <div className="form-grid">
        <TextField
          form={form}
          name="vatId"
          label="VAT-ID"
          placeholder={example ? `e.g. ${example}` : 'e.g. 12345678'}
          hint={
            <>
              {VAT_TEXT}{' '}
              {example ? (
                <>
                  Format for {findCountry(form.values.country)?.name ?? form.values.country}: <code data-testid="vat-example">{example}</code>
                </>
              ) : (
                '4 to 20 letters and digits.'
              )}
            </>
          }
        />
        <TextField form={form} name="token" label="Token" placeholder="e.g. crm-10042" hint={TOKEN_TEXT} />
      </div>
    </div>
  );
}
