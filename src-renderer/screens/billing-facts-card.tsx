// A client's billing facts: its payment route and its kind (sample, development or real), each with what it
// means for billing. The company overview and the client's settings (for its own users) show it.
import type { ReactNode } from 'react';
import type { Company } from '../../src-shared/api/types';
import { KindBadge, RouteBadge } from '../ui/badges';
import { Card } from '../ui/page';
import { paymentRouteTextForCompany } from './company-texts';

export interface KindTexts {
  sample: string;
  development: string;
  real: string;
}

export function BillingFactsCard({ company, kindTexts, testId, children }: { company: Company; kindTexts: KindTexts; testId: string; children?: ReactNode }) {
  return (
    <Card title="Billing" testId={testId}>
      <div className="billing-route">
        <RouteBadge route={company.paymentRoute} />
        <p>{paymentRouteTextForCompany(company.paymentRoute, company.partnerName)}</p>
      </div>
      <div className="billing-route">
        {company.isSample || company.isDevelopment ? <KindBadge company={company} /> : <span className="badge badge-real">Real company</span>}
        <p>{company.isSample ? kindTexts.sample : company.isDevelopment ? kindTexts.development : kindTexts.real}</p>
      </div>
      {children}
    </Card>
  );
}
