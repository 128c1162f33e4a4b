// First start (nobody signed in): create the partner account, or sign in as an existing local user.
import { useEffect } from 'react';
import logoUrl from '../../resources/logo.svg';
import { partnerSetupSchema } from '../../src-shared/api/inputs';
import { COUNTRIES } from '../../src-shared/domain/countries';
import { navigate } from '../router/use-route';
import { useActions, useApp } from '../state/store-context';
import { Avatar } from '../ui/avatar';
import { PartnerBadge } from '../ui/badges';
import { SelectField, TextField } from '../ui/fields';
import { Icon } from '../ui/icons';
import { Spinner } from '../ui/states';
import { Toasts } from '../ui/toasts';
import { useForm, zodValidator } from '../ui/use-form';
import { Form } from '../ui/form';
import '../frame/user-menu.css';
import './onboarding-screen.css';

interface SetupValues {
  companyName: string;
  country: string;
  userName: string;
  email: string;
  password: string;
}

const validate = zodValidator(partnerSetupSchema, (v: SetupValues) => v);
const COUNTRY_OPTIONS = [...COUNTRIES].sort((a, b) => a.name.localeCompare(b.name)).map((c) => ({ value: c.code, label: c.name }));

function guessCountry(): string {
  const region = (typeof navigator !== 'undefined' ? navigator.language : '').split('-')[1]?.toUpperCase();
  return COUNTRIES.some((c) => c.code === region) ? (region as string) : 'DE';
}

export function OnboardingScreen() {
  const candidates = useApp((s) => s.session.candidates);
  const actions = useActions();
  const form = useForm<SetupValues>('setup', { companyName: '', country: guessCountry(), userName: '', email: '', password: '' }, validate);

  useEffect(() => {
    if (candidates.status === 'idle') void actions.loadCandidates();
  }, [actions, candidates.status]);

  const submit = () =>
    form.submit(async (values) => {
      await actions.createPartner(values);
      navigate({ name: 'overview' }, { replace: true });
    });

  const existing = candidates.data ?? [];

  return (
    <div className="onboarding" data-testid="onboarding">
      <div className="onboarding-card">
        <div className="onboarding-brand">
          <img src={logoUrl} width={40} height={40} alt="" />
          <span className="logo-word logo-word-large">
            Partner<span>Deck</span>
          </span>
        </div>
        <h1 className="onboarding-title">Set up your partner account</h1>
        <p className="onboarding-lead">
          PartnerDeck carries a complete local copy of the platform. Create your partner company and your own user to start
          setting up clients. Everything stays on this machine.
        </p>
        <Form noValidate onSubmit={submit}>
          <div className="form-grid">
            <TextField form={form} name="companyName" label="Partner company name" required autoFocus className="span-2" placeholder="e.g. Northwind Commerce" />
            <SelectField form={form} name="country" label="Country" required options={COUNTRY_OPTIONS} className="span-2" />
            <TextField form={form} name="userName" label="Your name" required autoComplete="name" />
            <TextField form={form} name="email" label="Your email" type="email" required autoComplete="email" />
            <TextField form={form} name="password" label="Password" type="password" required autoComplete="new-password" hint="At least 8 characters." className="span-2" />
          </div>
          <button type="submit" className="btn btn-primary btn-block btn-large" disabled={form.submitting} data-testid="create-partner">
            {form.submitting ? <Spinner size={14} /> : <Icon name="arrowRight" />} Create partner account
          </button>
        </Form>
      </div>

      {existing.length > 0 && (
        <div className="onboarding-card onboarding-existing" data-testid="onboarding-existing">
          <h2 className="card-title">Or sign in as an existing local user</h2>
          <div className="candidate-list">
            {existing.map((c) => (
              <button type="button" key={c.userId} className="candidate" onClick={() => void actions.signIn(c.userId).catch(() => undefined)} data-testid={`signin-${c.userId}`}>
                <Avatar name={c.name} size={28} round />
                <span className="candidate-text">
                  <strong>{c.name}</strong>
                  <span>
                    {c.email} · {c.companyName} {c.companyIsPartner && <PartnerBadge />}
                  </span>
                </span>
                <span className="candidate-action">Sign in</span>
              </button>
            ))}
          </div>
        </div>
      )}
      <Toasts />
    </div>
  );
}
