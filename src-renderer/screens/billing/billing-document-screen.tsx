// One issued document (#/billing/documents/:id) in print quality: issuer and recipient, number, period,
// dates, every part (a managed shop's own document, with its own number, inside its partner's) with its
// lines, the totals with VAT or the reverse-charge note, and the notes. PDF and CSV downloads, printing, and
// for a partner as Self a correction (a new document; the original never changes).
import { useEffect, useState } from 'react';
import { correctionSchema } from '../../../src-shared/api/billing-inputs';
import type { BillingDocument, DocumentParty } from '../../../src-shared/api/billing-types';
import { DOCUMENT_TYPE_LABELS, monthName } from '../../../src-shared/domain/billing';
import { href } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { useActions, useApp } from '../../state/store-context';
import { useCapabilities } from '../../state/use-capabilities';
import { Modal } from '../../ui/dialog';
import { formatDate } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney, parseMoney } from '../../ui/money';
import { PageHeader } from '../../ui/page';
import { Field } from '../../ui/fields';
import { CancelConfirm } from '../../ui/form-footer';
import { Loaded } from '../../ui/loadable';
import { SkeletonBlock } from '../../ui/states';
import { useAction } from '../../ui/use-action';
import { DocumentDownloads, DocumentTypeBadge } from './billing-ui';
import { DocumentPayment, PartSettlement } from '../../areas/billing/document-settlement';
import './billing-document-screen.css';

export function BillingDocumentScreen({ documentId }: { documentId: number }) {
  const doc = useApp((s) => s.billing.document);
  const caps = useCapabilities();
  const actions = useActions();
  const [correcting, setCorrecting] = useState(false);
  useEffect(() => {
    void actions.loadDocument(documentId);
  }, [actions, documentId]);
  const d = doc.data?.id === documentId ? doc.data : null;
  const canCorrect = caps.billingClose && d !== null && d.type !== 'report';

  return (
    <div className="page" data-testid="billing-document">
      <PageHeader
        back={{ href: href({ name: 'billing', tab: 'documents' }), label: 'Documents' }}
        title={d ? d.number : 'Document'}
        badges={d && <DocumentTypeBadge type={d.type} correction={d.correctsDocumentId !== null} />}
        subtitle={d ? `${DOCUMENT_TYPE_LABELS[d.type]} for ${monthName(d.month)} to ${d.recipient.name}` : undefined}
        actions={
          d && (
            <>
              <DocumentDownloads documentId={d.id} />
              <button type="button" className="btn" onClick={() => window.print()} data-testid="print-document">
                <Icon name="file" size={14} /> Print
              </button>
              {canCorrect && (
                <button type="button" className="btn" onClick={() => setCorrecting(true)} data-testid="correct-document">
                  Issue a correction
                </button>
              )}
            </>
          )
        }
      />
      <Loaded value={{ ...doc, data: d }} errorTitle="Could not open this document" onRetry={() => void actions.loadDocument(documentId)} loading={<SkeletonBlock height={480} />}>
        {(shown) => <DocumentPaper d={shown} />}
      </Loaded>
      {correcting && d && <CorrectionDialog d={d} onClose={() => setCorrecting(false)} />}
    </div>
  );
}

function Party({ label, party }: { label: string; party: DocumentParty }) {
  return (
    <div className="paper-party">
      <div className="paper-label">{label}</div>
      <div className="strong">{party.name}</div>
      {party.address.map((line) => (
        <div key={line}>{line}</div>
      ))}
      {party.vatId && <div>VAT-ID {party.vatId}</div>}
    </div>
  );
}

export function DocumentPaper({ d }: { d: BillingDocument }) {
  const money = (minor: number) => formatMoney(minor, d.currency);
  const isInvoice = d.type === 'invoice';
  return (
    <article className="paper" data-testid="document-paper">
      <header className="paper-head">
        <div>
          {/* A partner's invoice to its client is headed by the partner's logo (white label). */}
          {d.issuerLogo && <img className="paper-logo" src={d.issuerLogo.dataUrl} alt={d.issuer.name} data-testid="paper-logo" />}
          <div className="paper-title">{DOCUMENT_TYPE_LABELS[d.type]}</div>
          <div className="paper-number mono" data-testid="paper-number">
            {d.number}
          </div>
        </div>
        <dl className="paper-meta">
          <dt>Period</dt>
          <dd>{monthName(d.month)}</dd>
          <dt>Issued</dt>
          <dd>{formatDate(d.issuedAt)}</dd>
          {d.dueAt && (
            <>
              <dt>Due</dt>
              <dd>{formatDate(d.dueAt)}</dd>
            </>
          )}
          <dt>Currency</dt>
          <dd>{d.currency}</dd>
          {d.correctsNumber && (
            <>
              <dt>Corrects</dt>
              <dd className="mono">{d.correctsDocumentId ? <a href={href({ name: 'billing-document', documentId: d.correctsDocumentId })}>{d.correctsNumber}</a> : d.correctsNumber}</dd>
            </>
          )}
        </dl>
      </header>
      <div className="paper-parties">
        <Party label="From" party={d.issuer} />
        <Party label="To" party={d.recipient} />
      </div>
      {d.reason && <p className="paper-reason">Reason: {d.reason}</p>}
      {d.sections.map((s, i) => (
        <section key={i} className="paper-section" data-testid={s.companyId !== null && s.companyId !== d.recipient.companyId ? `paper-part-${s.companyId}` : 'paper-part'}>
          <div className="paper-section-head">
            <div>
              <div className="strong">{s.title}</div>
              <div className="muted small">{s.subtitle}</div>
            </div>
            {s.number && <div className="mono small">{s.number}</div>}
          </div>
          <table className="paper-lines">
            <thead>
              <tr>
                <th>Description</th>
                <th className="num">Net</th>
                {isInvoice && <th className="num">VAT</th>}
                {isInvoice && <th className="num">Gross</th>}
              </tr>
            </thead>
            <tbody>
              {s.lines.map((l, j) => (
                <tr key={j} className={l.inTotal ? undefined : 'is-info'}>
                  <td>{l.description}</td>
                  <td className="num">{money(l.netMinor)}</td>
                  {isInvoice && <td className="num">{money(l.vatMinor)}</td>}
                  {isInvoice && <td className="num">{money(l.grossMinor)}</td>}
                </tr>
              ))}
            </tbody>
            {d.sections.length > 1 && (
              <tfoot>
                <tr>
                  <td>Subtotal {s.title}</td>
                  <td className="num">{money(s.netMinor)}</td>
                  {isInvoice && <td className="num">{money(s.vatMinor)}</td>}
                  {isInvoice && <td className="num">{money(s.grossMinor)}</td>}
                </tr>
              </tfoot>
            )}
          </table>
          <PartSettlement d={d} section={s} />
        </section>
      ))}
      <div className="paper-totals" data-testid="paper-totals">
        <div>
          <span>Net</span>
          <span className="num">{money(d.netMinor)}</span>
        </div>
        {isInvoice && (
          <div>
            <span>{d.reverseCharge ? 'VAT (reverse charge)' : `VAT ${d.vatRateBp / 100} %`}</span>
            <span className="num">{money(d.vatMinor)}</span>
          </div>
        )}
        <div className="paper-grand">
          <span>{d.type === 'report' ? 'Total net sales' : 'Total'}</span>
          <span className="num">{money(d.grossMinor)}</span>
        </div>
      </div>
      <DocumentPayment d={d} />
      {d.notes.length > 0 && (
        <ul className="paper-notes">
          {d.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {d.corrections.length > 0 && (
        <div className="paper-notes">
          Corrected by:{' '}
          {d.corrections.map((c) => (
            <a key={c.id} className="mono" href={href({ name: 'billing-document', documentId: c.id })}>
              {c.number}{' '}
            </a>
          ))}
        </div>
      )}
    </article>
  );
}

function CorrectionDialog({ d, onClose }: { d: BillingDocument; onClose: () => void }) {
  const actions = useActions();
  const [type, setType] = useState<'invoice' | 'credit_note'>(d.type === 'credit_note' ? 'invoice' : 'credit_note');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const issue = useAction(async (input: { documentId: number; type: 'invoice' | 'credit_note'; amountMinor: number; reason: string }) => {
    const created = await actions.correctDocument(input);
    onClose();
    navigate({ name: 'billing-document', documentId: created.id });
  });
  const submit = () => {
    const parsed = parseMoney(amount, d.currency);
    const input = { documentId: d.id, type, amountMinor: parsed.ok ? parsed.minor : Number.NaN, reason };
    const checked = correctionSchema.safeParse(input);
    const problems: Record<string, string> = {};
    if (!parsed.ok) problems.amountMinor = parsed.problem;
    if (!checked.success) for (const [field, messages] of Object.entries(checked.error.flatten().fieldErrors)) problems[field] ??= messages?.[0] ?? 'is invalid';
    setErrors(problems);
    if (Object.keys(problems).length === 0) void issue.run(input);
  };
  return (
    <Modal
      title={`Correct ${d.number}`}
      onClose={onClose}
      testId="correction-dialog"
      footer={<CancelConfirm onCancel={onClose} busy={issue.busy} confirmLabel="Issue correction" onConfirm={submit} confirmTestId="correction-submit" />}
    >
      <p className="muted">The original stays as it is. The correction is a new document with its own number that refers to it; VAT follows the original.</p>
      <Field formId="correction" name="type" label="Kind">
        {(control) => (
          <select {...control} className="input" value={type} onChange={(e) => setType(e.target.value as 'invoice' | 'credit_note')} data-testid="correction-type">
            <option value="credit_note">Credit note (the recipient was charged too much)</option>
            <option value="invoice">Invoice (the recipient owes more)</option>
          </select>
        )}
      </Field>
      <Field formId="correction" name="amountMinor" label={<>Net amount ({d.currency})</>} error={errors.amountMinor && `Amount ${errors.amountMinor}`}>
        {(control) => <input {...control} className="input" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="correction-amount" />}
      </Field>
      <Field formId="correction" name="reason" label="Reason (printed on the document)" error={errors.reason && `Reason ${errors.reason}`}>
        {(control) => <input {...control} className="input" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="correction-reason" />}
      </Field>
    </Modal>
  );
}
