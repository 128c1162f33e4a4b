// The explanations the company forms show, from the partner program's help page (spec §1).
import type { PaymentRoute } from '../../src-shared/api/types';

export const SAMPLE_TEXT =
  'A sample company can be set up completely, but its shop cannot make end-user sales and it is never billed. Use it to get everything ready before a release, or to present a shop to your client without any cost.';

/** For the partner setting up or editing a client ("you" is the partner). */
export const PAYMENT_ROUTE_TEXT: Record<PaymentRoute, string> = {
  direct: 'Monthly reports, invoices and credits go directly to the client, and charges use the client’s own payment data.',
  via_partner:
    'Reports, invoices and credits for this client appear in your partner accounting: you receive them and are responsible for invoicing the client. Earns a higher revenue share.',
};

/** For the company itself (and a partner acting as it). */
export function paymentRouteTextForCompany(route: PaymentRoute, partnerName: string | null): string {
  const partner = partnerName ?? 'the partner';
  return route === 'direct'
    ? 'The platform sends monthly reports, invoices and credits directly to this company and charges its own payment data.'
    : `Reports, invoices and credits are part of ${partner}'s partner accounting; ${partner} invoices this company.`;
}

export const VAT_TEXT = 'Optional. Defines the VAT handling for European companies (reverse charge between EU businesses).';

export const TOKEN_TEXT = 'Optional free string to identify the company externally. Typically not used in the partner scenario.';
