// What a field is called where a person reads about it: an error's message names the field by its label
// ("End date must be on or after the start date"), never by its internal name ("to must be … after from").
// Inline, a form shows the problem under the field it belongs to; the message is what toasts, the CLI and
// logs show, so it must stand on its own.

/** Labels the humanizer below would get wrong or too technically. */
const FIELD_LABELS: Record<string, string> = {
  input: 'Input',
  from: 'Start date',
  to: 'End date',
  email: 'Email',
  url: 'URL',
  vatId: 'VAT-ID',
  sku: 'SKU',
  percentBp: 'Percentage',
  vatRateBp: 'VAT rate',
  monthlyFeeMinor: 'Monthly fee',
  priceMinor: 'Price',
  amountMinor: 'Amount',
  companyId: 'Company',
  partnerId: 'Partner',
  appId: 'App',
  userId: 'User',
  productId: 'Product',
  customerId: 'Customer',
  lineNo: 'Line',
  redirectUris: 'Redirect URLs',
  startUrl: 'Start URL',
  address: 'Address',
  attestNotAffiliated: 'Not-affiliated confirmation',
  paymentRoute: 'Payment route',
  isSample: 'Sample company',
};

/** Units and id markers at the end of internal names that a person does not say ("feeMinor" is "Fee"). */
const SUFFIXES = /(Minor|Bp|Ids?|Ms)$/;

function humanize(name: string): string {
  const known = FIELD_LABELS[name];
  if (known) return known;
  const words = name
    .replace(SUFFIXES, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  if (!words) return name;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The label of a field key as the API reports it: `name` → "Name", `to` → "End date", `monthlyFeeMinor`
 * → "Monthly fee", `lines.2.quantity` → "Line 3: quantity", `prices.0.percentBp` → "Row 1: percentage".
 */
export function fieldLabel(key: string): string {
  const parts = key.split('.');
  const last = parts[parts.length - 1];
  const index = parts.findIndex((p) => /^\d+$/.test(p));
  if (index > 0 && index < parts.length - 1) {
    const list = parts[index - 1];
    const item = list === 'lines' ? 'Line' : 'Row';
    return `${item} ${Number(parts[index]) + 1}: ${humanize(last).toLowerCase()}`;
  }
  if (/^\d+$/.test(last) && parts.length > 1) return `${humanize(parts[parts.length - 2])} ${Number(last) + 1}`;
  return humanize(last);
}

/** "End date must be on or after the start date": a field's problem as a sentence that stands alone. */
export function fieldMessage(key: string, problem: string): string {
  return `${fieldLabel(key)} ${problem}`;
}
