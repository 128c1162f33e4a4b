// CSV as RFC 4180 writes it (CRLF line ends, fields quoted when they hold a comma, quote or line break,
// quotes doubled), with a guard against formula injection: a text cell that starts with = + - @ (or a
// tab / carriage return) gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.
export type CsvCell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  // Numbers are data we produced (counts, ids): never formulas, even when negative.
  let text = typeof value === 'number' ? String(value) : typeof value === 'boolean' ? (value ? 'true' : 'false') : value;
  // A plain decimal such as "-12.50" (money we formatted) is a number, not a formula.
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export interface CsvColumn<T> {
  header: string;
  value(row: T): CsvCell;
}

export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): { csv: string; rowCount: number } {
  const parts = [csvLine(columns.map((c) => c.header))];
  let rowCount = 0;
  for (const row of rows) {
    parts.push(csvLine(columns.map((c) => c.value(row))));
    rowCount++;
  }
  return { csv: parts.join(''), rowCount };
}
