// Countries the company form offers, with the EU membership that VAT handling needs.
export interface Country {
  code: string;
  name: string;
  eu: boolean;
  /** The currency a new shop in this country starts with (ISO 4217). */
  currency: string;
  /** Standard VAT / sales-tax rate in basis points (1900 = 19 %), as data so it can change. */
  vatRateBp: number;
}

export const COUNTRIES: readonly Country[] = [
  { code: 'AT', name: 'Austria', eu: true, currency: 'EUR', vatRateBp: 2000 },
  { code: 'BE', name: 'Belgium', eu: true, currency: 'EUR', vatRateBp: 2100 },
  { code: 'BG', name: 'Bulgaria', eu: true, currency: 'EUR', vatRateBp: 2000 },
  { code: 'HR', name: 'Croatia', eu: true, currency: 'EUR', vatRateBp: 2500 },
  { code: 'CY', name: 'Cyprus', eu: true, currency: 'EUR', vatRateBp: 1900 },
  { code: 'CZ', name: 'Czechia', eu: true, currency: 'CZK', vatRateBp: 2100 },
  { code: 'DK', name: 'Denmark', eu: true, currency: 'DKK', vatRateBp: 2500 },
  { code: 'EE', name: 'Estonia', eu: true, currency: 'EUR', vatRateBp: 2400 },
  { code: 'FI', name: 'Finland', eu: true, currency: 'EUR', vatRateBp: 2550 },
  { code: 'FR', name: 'France', eu: true, currency: 'EUR', vatRateBp: 2000 },
  { code: 'DE', name: 'Germany', eu: true, currency: 'EUR', vatRateBp: 1900 },
  { code: 'GR', name: 'Greece', eu: true, currency: 'EUR', vatRateBp: 2400 },
  { code: 'HU', name: 'Hungary', eu: true, currency: 'HUF', vatRateBp: 2700 },
  { code: 'IE', name: 'Ireland', eu: true, currency: 'EUR', vatRateBp: 2300 },
  { code: 'IT', name: 'Italy', eu: true, currency: 'EUR', vatRateBp: 2200 },
  { code: 'LV', name: 'Latvia', eu: true, currency: 'EUR', vatRateBp: 2100 },
  { code: 'LT', name: 'Lithuania', eu: true, currency: 'EUR', vatRateBp: 2100 },
  { code: 'LU', name: 'Luxembourg', eu: true, currency: 'EUR', vatRateBp: 1700 },
  { code: 'MT', name: 'Malta', eu: true, currency: 'EUR', vatRateBp: 1800 },
  { code: 'NL', name: 'Netherlands', eu: true, currency: 'EUR', vatRateBp: 2100 },
  { code: 'PL', name: 'Poland', eu: true, currency: 'PLN', vatRateBp: 2300 },
  { code: 'PT', name: 'Portugal', eu: true, currency: 'EUR', vatRateBp: 2300 },
  { code: 'RO', name: 'Romania', eu: true, currency: 'RON', vatRateBp: 2100 },
  { code: 'SK', name: 'Slovakia', eu: true, currency: 'EUR', vatRateBp: 2300 },
  { code: 'SI', name: 'Slovenia', eu: true, currency: 'EUR', vatRateBp: 2200 },
  { code: 'ES', name: 'Spain', eu: true, currency: 'EUR', vatRateBp: 2100 },
  { code: 'SE', name: 'Sweden', eu: true, currency: 'SEK', vatRateBp: 2500 },
  { code: 'GB', name: 'United Kingdom', eu: false, currency: 'GBP', vatRateBp: 2000 },
  { code: 'CH', name: 'Switzerland', eu: false, currency: 'CHF', vatRateBp: 810 },
  { code: 'NO', name: 'Norway', eu: false, currency: 'NOK', vatRateBp: 2500 },
  { code: 'US', name: 'United States', eu: false, currency: 'USD', vatRateBp: 0 },
  { code: 'CA', name: 'Canada', eu: false, currency: 'CAD', vatRateBp: 500 },
  { code: 'AU', name: 'Australia', eu: false, currency: 'AUD', vatRateBp: 1000 },
  { code: 'JP', name: 'Japan', eu: false, currency: 'JPY', vatRateBp: 1000 },
];

const BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c]));

export function findCountry(code: string): Country | undefined {
  return BY_CODE.get(code.toUpperCase());
}
