// What the Webhooks screen's developer dialogs (Send test event…, Recover failed…) share: a refused call's field
// messages by field, and the message (or hint) under a field. Bad input names the field; nothing goes out then.
import { ApiError } from '../../src-shared/api/errors';
import './webhook-dev-dialogs.css';

export type Errors = Record<string, string>;

const LABELS: Record<string, string> = { topic: 'Topic', companyId: 'Company', appId: 'App', to: 'URL', data: 'Payload data', since: 'Since', webhookId: 'Hook' };

/** An ApiError's field messages by field ("is not JSON: …"); anything else under "form". */
export function errorsOf(error: unknown): Errors {
  if (error instanceof ApiError && error.code === 'validation_failed' && Object.keys(error.fields).length > 0) {
    return Object.fromEntries(Object.entries(error.fields).map(([field, messages]) => [field, messages.join('; ')]));
  }
  return { form: error instanceof Error ? error.message : String(error) };
}

export function FieldMessage({ id, field, errors, hint }: { id: string; field: string; errors: Errors; hint?: string }) {
  const message = errors[field];
  if (message) {
    return (
      <p className="field-error" role="alert" id={`${id}-${field}-msg`} data-testid={`wh-error-${field}`}>
        {LABELS[field] ?? field} {message}
      </p>
    );
  }
  return hint ? (
    <p className="field-hint" id={`${id}-${field}-msg`}>
      {hint}
    </p>
  ) : null;
}
