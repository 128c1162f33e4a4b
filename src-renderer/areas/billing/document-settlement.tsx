// What an issued invoice or credit note says about how it is settled (docs/billing.md "Payment methods"), on the
// console's paper view, word for word as the PDF prints it: "Debited from SEPA mandate …4411 on 5 Jan 2027",
// "Refunded to Visa …4242 on …", or "Awaiting payment details" (amber); and on each managed shop's part of a
// partner's document, that it is settled through the partner's method.
import type { BillingDocument, DocumentSection } from '../../../src-shared/api/billing-types';
import { partSettlementSentence, settlementSentence } from '../../../src-shared/domain/payment-methods';
import { Icon } from '../../ui/icons';
import './document-settlement.css';

export function DocumentPayment({ d }: { d: BillingDocument }) {
  if (!d.settlement || d.type === 'report') return null;
  const awaiting = d.settlement.status === 'awaiting';
  return (
    <div className={`paper-payment${awaiting ? ' paper-payment-awaiting' : ''}`} data-testid="paper-payment" role={awaiting ? 'status' : undefined}>
      <Icon name={awaiting ? 'alert' : 'receipt'} size={16} />
      <div>
        <div className="paper-payment-title">Payment</div>
        <div data-testid="paper-payment-text">{settlementSentence(d.type, d.settlement)}</div>
      </div>
    </div>
  );
}

export function PartSettlement({ d, section }: { d: BillingDocument; section: DocumentSection }) {
  if (!d.settlement || d.type === 'report' || section.companyId === null || section.companyId === d.recipient.companyId) return null;
  return (
    <p className="paper-part-payment muted small" data-testid={`paper-part-payment-${section.companyId}`}>
      {partSettlementSentence(d.type, d.settlement)}
    </p>
  );
}
