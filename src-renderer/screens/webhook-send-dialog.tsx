// "Send test event…" on the Webhooks screen (issue 19 item 2): the console's side of `partnerdeck webhooks send`
// (one signed notification of a topic now, to the app's hooks or a URL, with an optional payload "data"; not
// logged, not retried).
import { useCallback, useId, useMemo, useState } from 'react';
import { webhookPayloadDataSchema } from '../../src-shared/api/areas/webhooks';
import type { WebhookAppGroup, WebhookTestSendResult } from '../../src-shared/api/webhook-delivery-types';
import { canonicalWebhookTopic, WEBHOOK_TOPICS, type WebhookTopic } from '../../src-shared/domain/webhook-topics';
import { useActions, useApp } from '../state/store-context';
import { Modal } from '../ui/dialog';
import { CancelConfirm } from '../ui/form-footer';
import { Icon } from '../ui/icons';
import { PickedValue, SearchPicker, type PickerOption } from '../ui/search-picker';
import { Callout } from '../ui/states';
import { errorsOf, FieldMessage, type Errors } from './webhook-dev-fields';
import { Form } from '../ui/form';

/** The payload's data as typed: blank, or a JSON object (the console method's own check, before anything is sent). */
export function checkPayloadData(text: string): { ok: true } | { ok: false; message: string } {
  const parsed = webhookPayloadDataSchema.safeParse(text);
  return parsed.success ? { ok: true } : { ok: false, message: parsed.error.issues[0].message };
}

interface CompanyChoice {
  id: number;
  name: string;
}

export function SendTestDialog({ groups, onClose }: { groups: WebhookAppGroup[]; onClose: () => void }) {
  const actions = useActions();
  const isSelf = useApp((s) => s.session.info?.isSelf ?? true);
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const id = useId();
  const firstHook = groups.find((g) => g.hooks.length > 0);
  const [topic, setTopic] = useState<WebhookTopic>((firstHook && canonicalWebhookTopic(firstHook.hooks[0].topic)) || 'order/create');
  const [company, setCompany] = useState<CompanyChoice | null>(
    !isSelf && acting ? { id: acting.id, name: acting.name } : firstHook ? { id: firstHook.companyId, name: firstHook.companyName } : null,
  );
  const [target, setTarget] = useState<'hooks' | 'url'>('hooks');
  const [url, setUrl] = useState('');
  const [appId, setAppId] = useState<number | null>(null);
  const [data, setData] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<WebhookTestSendResult | null>(null);

  // Apps connected to the chosen company (their Shared Secret signs a send to a URL).
  const apps = useMemo(() => {
    const seen = new Map<number, string>();
    for (const g of groups) if (company === null || g.companyId === company.id) seen.set(g.appId, g.appName);
    return [...seen].map(([appIdOf, name]) => ({ id: appIdOf, name }));
  }, [groups, company]);
  const hooksOfTopic = groups.filter((g) => company !== null && g.companyId === company.id).flatMap((g) => g.hooks.filter((h) => h.topic === topic && h.isActive));
  const topicsWithHooks = new Set<string>(groups.flatMap((g) => g.hooks.map((h) => h.topic)));

  const searchCompanies = useCallback(
    async (text: string): Promise<PickerOption<CompanyChoice>[]> => {
      const found = await actions.searchClients(text);
      return found.map((c) => ({ key: c.id, label: c.name, sub: [c.city, c.country].filter(Boolean).join(', '), value: { id: c.id, name: c.name } }));
    },
    [actions],
  );

  const edit = (field: string) => {
    setErrors((e) => {
      const { [field]: _gone, form: _form, ...rest } = e;
      return rest;
    });
    setResult(null);
  };

  async function send() {
    const found: Errors = {};
    if (company === null) found.companyId = 'is required: pick the company the notification is about';
    const checked = checkPayloadData(data);
    if (!checked.ok) found.data = checked.message;
    if (target === 'url') {
      if (url.trim() === '') found.to = 'is required (e.g. http://localhost:3000/hook)';
      if (appId === null) found.appId = 'is required to send to a URL (its Shared Secret signs)';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const sent = await actions.sendTestWebhook({
        topic,
        companyId: company!.id,
        appId: target === 'url' ? appId : null,
        to: target === 'url' ? url.trim() : null,
        data: data.trim() === '' ? null : data,
      });
      setResult(sent);
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (field: string) => `${id}-${field}-msg`;
  return (
    <Modal
      title="Send test event"
      onClose={onClose}
      testId="wh-send-dialog"
      size="medium"
      footer={
        <CancelConfirm
          onCancel={onClose}
          cancelLabel={result ? 'Close' : 'Cancel'}
          busy={busy}
          confirmIcon="send"
          confirmLabel={result ? 'Send again' : 'Send'}
          onConfirm={() => void send()}
          confirmTestId="wh-send-confirm"
        />
      }
    >
      {result && <SendResults result={result} />}
      <p className="modal-lead">
        One notification signed exactly like a real delivery goes out now. It is not a webhook event: it is not logged, not retried, and a failure does not block the
        app. Same as <code>partnerdeck webhooks send</code>.
      </p>
      <Form className="wh-dev-form" onSubmit={send}>
        <label className="field-label" htmlFor={`${id}-topic`}>
          Topic
        </label>
        <select
          id={`${id}-topic`}
          className="input select"
          value={topic}
          data-autofocus
          data-testid="wh-send-topic"
          onChange={(e) => {
            setTopic(e.target.value as WebhookTopic);
            edit('topic');
          }}
        >
          {topicsWithHooks.size > 0 && (
            <optgroup label="Topics with hooks">
              {WEBHOOK_TOPICS.filter((t) => topicsWithHooks.has(t)).map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label={topicsWithHooks.size > 0 ? 'Other topics' : 'Topics'}>
            {WEBHOOK_TOPICS.filter((t) => !topicsWithHooks.has(t)).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </optgroup>
        </select>
        <FieldMessage id={id} field="topic" errors={errors} />

        <span className="field-label" id={`${id}-company-label`}>
          Company
        </span>
        {company ? (
          <PickedValue
            icon={<Icon name="building" size={14} />}
            label={company.name}
            testId="wh-send-company"
            changeTestId="wh-send-company-change"
            onChange={
              isSelf
                ? () => {
                    setCompany(null);
                    edit('companyId');
                  }
                : undefined
            }
          />
        ) : (
          <SearchPicker<CompanyChoice>
            label="Company"
            placeholder="Search your clients by name…"
            search={searchCompanies}
            onPick={(c) => {
              setCompany(c);
              edit('companyId');
            }}
            error={errors.companyId ? `Company ${errors.companyId}` : undefined}
            testId="wh-send-company-picker"
          />
        )}
        {company && <FieldMessage id={id} field="companyId" errors={errors} />}

        <span className="field-label">Send to</span>
        <div className="wh-dev-choice" role="radiogroup" aria-label="Send to">
          <label>
            <input type="radio" name={`${id}-target`} checked={target === 'hooks'} onChange={() => setTarget('hooks')} data-testid="wh-send-target-hooks" />
            The app hooks of this topic{company ? ` (${hooksOfTopic.length} active for ${company.name})` : ''}
          </label>
          <label>
            <input type="radio" name={`${id}-target`} checked={target === 'url'} onChange={() => setTarget('url')} data-testid="wh-send-target-url" />A URL
          </label>
        </div>
        {target === 'url' && (
          <div className="wh-dev-url">
            <div>
              <label className="field-label" htmlFor={`${id}-to`}>
                URL
              </label>
              <input
                id={`${id}-to`}
                className="input"
                value={url}
                placeholder="http://localhost:3000/hook"
                aria-invalid={errors.to !== undefined}
                aria-describedby={describedBy('to')}
                data-testid="wh-send-url"
                onChange={(e) => {
                  setUrl(e.target.value);
                  edit('to');
                }}
              />
              <FieldMessage id={id} field="to" errors={errors} />
            </div>
            <div>
              <label className="field-label" htmlFor={`${id}-app`}>
                Signed by app
              </label>
              <select
                id={`${id}-app`}
                className="input select"
                value={appId ?? ''}
                aria-invalid={errors.appId !== undefined}
                aria-describedby={describedBy('appId')}
                data-testid="wh-send-app"
                onChange={(e) => {
                  setAppId(e.target.value === '' ? null : Number(e.target.value));
                  edit('appId');
                }}
              >
                <option value="">Choose an app…</option>
                {apps.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
              <FieldMessage id={id} field="appId" errors={errors} hint={apps.length === 0 ? 'No app has hooks for this company.' : undefined} />
            </div>
          </div>
        )}

        <label className="field-label" htmlFor={`${id}-data`}>
          Payload data <span className="muted">(optional)</span>
        </label>
        <textarea
          id={`${id}-data`}
          className="input textarea wh-dev-json"
          rows={4}
          spellCheck={false}
          value={data}
          placeholder={'{"type":"order","id":"42"}'}
          aria-invalid={errors.data !== undefined}
          aria-describedby={describedBy('data')}
          data-testid="wh-send-data"
          onChange={(e) => {
            setData(e.target.value);
            edit('data');
          }}
        />
        <FieldMessage id={id} field="data" errors={errors} hint={`The payload's "data" object. Blank: the company's newest object of the topic's kind, or a sample when it has none.`} />
        {errors.form && (
          <Callout tone="danger" testId="wh-send-error">
            {errors.form}
          </Callout>
        )}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

function SendResults({ result }: { result: WebhookTestSendResult }) {
  const what = result.object === 'sample' ? ' — a sample: the company has none of this kind yet' : result.object === 'custom' ? ' — your payload data' : '';
  return (
    <div className="wh-dev-results" role="status" data-testid="wh-send-results">
      <div className="menu-caption">
        {result.topic} for {result.companyName}
        {what}
      </div>
      <ul>
        {result.results.map((r) => (
          <li key={r.messageId} className={r.ok ? 'is-ok' : 'is-failed'} data-testid="wh-send-result">
            <span className={`badge ${r.ok ? 'badge-accepted' : 'badge-declined'}`}>{r.status ?? 'failed'}</span>
            <span className="wh-dev-url-text" title={r.url}>
              {r.url}
            </span>
            <span className="muted">
              {r.ok ? 'delivered' : (r.error ?? 'not acknowledged (any 2xx within 10 s is)')} · {r.latencyMs} ms
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
