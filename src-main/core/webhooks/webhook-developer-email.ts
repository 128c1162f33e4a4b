// What every email to an app's developer about its webhooks shares (the deactivation notice, the 24-hour alert):
// where it goes (the app's developer email, else its company's), the greeting and signature around the text, and
// the app's company as the outbox message's company.
import type { EmailKind } from '../../../src-shared/domain/email-kinds';
import type { AppRow } from '../repositories/apps-repository';
import type { Email } from '../services/outbox-service';

export interface DeveloperEmail {
  app: AppRow;
  /** Fallback address when the app has no developer email: its company's. */
  developerCompanyEmail: string;
  subject: string;
  /** The text between "Hello," and the signature. */
  lines: string[];
  kind: EmailKind;
  at: number;
}

export function developerEmail({ app, developerCompanyEmail, subject, lines, kind, at }: DeveloperEmail): Email {
  return {
    companyId: app.company_id,
    to: app.developer_email || developerCompanyEmail || `developer-of-app-${app.id}@invalid`,
    subject,
    body: ['Hello,', '', ...lines, '', 'The platform'].join('\n'),
    kind,
    at,
  };
}
