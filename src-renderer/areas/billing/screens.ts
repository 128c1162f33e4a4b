// The billing area's screens: loaded on first use, in a chunk of their own (see ../../lazy-screens.tsx). Only
// re-exports: what the manifest (index.tsx) needs at start-up stays out of this module.
export { BillingDocumentScreen } from '../../screens/billing/billing-document-screen';
export { BillingMonthScreen } from '../../screens/billing/billing-month-screen';
export { BillingScreen } from '../../screens/billing/billing-screen';
