// Saving an export (CSV, a document's PDF): the renderer cannot write files (sandboxed in Electron, a page in
// browser mode), so it hands the bytes to the browser as a download (a Blob behind an <a download>), which
// works in both hosts.
import type { CsvExport } from '../../src-shared/api/shop-types';
import { fileNameSlug } from '../../src-shared/domain/file-name-slug';

/** "Café Lumière SARL" + "orders" + "2026-11-23" -> "cafe-lumiere-sarl-orders-2026-11-23.csv". */
export function csvFileName(owner: string, table: string, day: string): string {
  return `${[fileNameSlug(owner), fileNameSlug(table), day].filter(Boolean).join('-')}.csv`;
}

/** Offers the export as a file; a byte-order mark lets spreadsheet apps read the UTF-8 (umlauts, accents). */
export function downloadCsv(file: Pick<CsvExport, 'csv'>, fileName: string, doc: Document = document): void {
  downloadBlob(new Blob(['\ufeff', file.csv], { type: 'text/csv;charset=utf-8' }), fileName, doc);
}

/** Offers base64 bytes (a PDF from the console API) as a file. */
export function downloadBase64(base64: string, mimeType: string, fileName: string, doc: Document = document): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(new Blob([bytes], { type: mimeType }), fileName, doc);
}

export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  link.setAttribute('data-leave-ok', '');
  doc.body.appendChild(link);
  link.click();
  link.remove();
  // The download has its copy by then; the object URL would otherwise live as long as the page.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
