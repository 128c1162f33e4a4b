// File-name parts made from names people typed (company names in CSV export file names): ASCII lower case
// with accents stripped rather than the accented letter dropped, shared by the export service and the
// renderer's download names so both spell a file the same way.

/** Letters NFKD does not decompose into a base letter and a mark. */
const LETTERS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * Café Lumière → cafe-lumiere, Alpenglück → alpengluck, Straße → strasse: other runs of characters become one
 * dash, at most `max` characters; `fallback` when nothing is left (e.g. a name in another script).
 */
export function fileNameSlug(text: string, options: { max?: number; fallback?: string } = {}): string {
  const ascii = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæøœłđðþı]/g, (ch) => LETTERS[ch]);
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return slug.slice(0, options.max ?? 40).replace(/-$/, '') || (options.fallback ?? '');
}
