// VAT-ID format check per country (the format only; no online VIES lookup, the app works offline).
// Greece's VAT-IDs carry the prefix EL, not its ISO code GR.

const FORMATS: Record<string, { prefix: string; body: RegExp; example: string }> = {
  AT: { prefix: 'AT', body: /^U\d{8}$/, example: 'ATU12345678' },
  BE: { prefix: 'BE', body: /^[01]\d{9}$/, example: 'BE0123456789' },
  BG: { prefix: 'BG', body: /^\d{9,10}$/, example: 'BG123456789' },
  HR: { prefix: 'HR', body: /^\d{11}$/, example: 'HR12345678901' },
  CY: { prefix: 'CY', body: /^\d{8}[A-Z]$/, example: 'CY12345678L' },
  CZ: { prefix: 'CZ', body: /^\d{8,10}$/, example: 'CZ12345678' },
  DK: { prefix: 'DK', body: /^\d{8}$/, example: 'DK12345678' },
  EE: { prefix: 'EE', body: /^\d{9}$/, example: 'EE123456789' },
  FI: { prefix: 'FI', body: /^\d{8}$/, example: 'FI12345678' },
  FR: { prefix: 'FR', body: /^[0-9A-HJ-NP-Z]{2}\d{9}$/, example: 'FR12345678901' },
  DE: { prefix: 'DE', body: /^\d{9}$/, example: 'DE123456789' },
  GR: { prefix: 'EL', body: /^\d{9}$/, example: 'EL123456789' },
  HU: { prefix: 'HU', body: /^\d{8}$/, example: 'HU12345678' },
  IE: { prefix: 'IE', body: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/, example: 'IE1234567T' },
  IT: { prefix: 'IT', body: /^\d{11}$/, example: 'IT12345678901' },
  LV: { prefix: 'LV', body: /^\d{11}$/, example: 'LV12345678901' },
  LT: { prefix: 'LT', body: /^(\d{9}|\d{12})$/, example: 'LT123456789' },
  LU: { prefix: 'LU', body: /^\d{8}$/, example: 'LU12345678' },
  MT: { prefix: 'MT', body: /^\d{8}$/, example: 'MT12345678' },
  NL: { prefix: 'NL', body: /^\d{9}B\d{2}$/, example: 'NL123456789B01' },
  PL: { prefix: 'PL', body: /^\d{10}$/, example: 'PL1234567890' },
  PT: { prefix: 'PT', body: /^\d{9}$/, example: 'PT123456789' },
  RO: { prefix: 'RO', body: /^\d{2,10}$/, example: 'RO1234567' },
  SK: { prefix: 'SK', body: /^\d{10}$/, example: 'SK1234567890' },
  SI: { prefix: 'SI', body: /^\d{8}$/, example: 'SI12345678' },
  ES: { prefix: 'ES', body: /^[A-Z0-9]\d{7}[A-Z0-9]$/, example: 'ESX1234567X' },
  SE: { prefix: 'SE', body: /^\d{10}01$/, example: 'SE123456789701' },
  GB: { prefix: 'GB', body: /^(\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/, example: 'GB123456789' },
  CH: { prefix: 'CHE', body: /^\d{9}(MWST|TVA|IVA)?$/, example: 'CHE123456789MWST' },
  NO: { prefix: 'NO', body: /^\d{9}(MVA)?$/, example: 'NO123456789MVA' },
};

/** Upper-cases and removes spaces, dots and dashes, the usual separators people type. */
export function normalizeVatId(raw: string): string {
  return raw.toUpperCase().replace(/[\s.-]/g, '');
}

export type VatIdCheck = { ok: true; normalized: string } | { ok: false; message: string };

/** Checks a VAT-ID against the format of the company's country. */
export function checkVatId(raw: string, country: string): VatIdCheck {
  const normalized = normalizeVatId(raw);
  if (normalized.length === 0) return { ok: false, message: 'is empty' };
  const format = FORMATS[country.toUpperCase()];
  if (!format) {
    return /^[A-Z0-9]{4,20}$/.test(normalized)
      ? { ok: true, normalized }
      : { ok: false, message: 'must be 4 to 20 letters and digits' };
  }
  if (!normalized.startsWith(format.prefix)) {
    return { ok: false, message: `must start with ${format.prefix} for ${country.toUpperCase()} (e.g. ${format.example})` };
  }
  if (!format.body.test(normalized.slice(format.prefix.length))) {
    return { ok: false, message: `is not a valid ${country.toUpperCase()} VAT-ID (expected a format like ${format.example})` };
  }
  return { ok: true, normalized };
}

export function vatIdExample(country: string): string | undefined {
  return FORMATS[country.toUpperCase()]?.example;
}
