// A document as a PDF (pdfkit, A4): issuer and recipient, number, period and dates, every part (a managed
// shop's own document inside its partner's, with its own number) with its lines, the totals with VAT or the
// reverse-charge note, and the notes; a footer with the number and page on every page. A partner's documents to
// its clients are headed by the partner's logo (white label): PNG/JPEG (and a WebP's PNG rendition) drawn by
// pdfkit, an SVG drawn as vectors by svg-to-pdfkit (the stored SVG is already inert: core/branding).
//
// Fonts: DejaVu Sans (regular and bold) ships in resources/fonts (Bitstream Vera licence, LICENSE-DejaVu.txt)
// and is embedded as a subset, so names beyond Latin-1 (ł, ř, ő, Greek, Cyrillic) print as they are. A
// character the font lacks (e.g. Japanese) prints as "?" rather than as an empty box; docs/billing.md says so.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { BillingDocument, DocumentLine, DocumentParty } from '../../../../src-shared/api/billing-types';
import { DOCUMENT_TYPE_LABELS, monthName } from '../../../../src-shared/domain/billing';
import { currencyExponent, formatMinor } from '../../../../src-shared/domain/currencies';
import { partSettlementSentence, settlementSentence } from '../../../../src-shared/domain/payment-methods';
import SVGtoPDF from 'svg-to-pdfkit';
import type { DrawableLogo } from '../branding-service';

/** pdfkit, loaded on the first PDF: it takes ~150 ms to load, which every start of the app and the CLI paid. */
let pdfkit: typeof import('pdfkit') | null = null;
function loadPdfKit(): typeof import('pdfkit') {
  pdfkit ??= createRequire(__filename)('pdfkit') as typeof import('pdfkit');
  return pdfkit;
}

const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };

let fontDir: string | null = null;

/** resources/fonts, looked up from this module upwards (source tree, dist/ bundles, the packaged app). */
export function findFontDir(start: string = __dirname): string {
  if (fontDir) return fontDir;
  for (let dir = start, i = 0; i < 8; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, FONT_FILES.regular))) return (fontDir = candidate);
  }
  throw new Error(`resources/fonts/${FONT_FILES.regular} was not found above ${start}: the PDF font is missing from this installation`);
}

/** "1234567" minor EUR -> "12,345.67" (grouped, the currency's decimals). */
export function groupedAmount(minor: number, currency: string): string {
  const plain = formatMinor(minor, currency);
  const negative = plain.startsWith('-');
  const [whole, fraction] = (negative ? plain.slice(1) : plain).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${currencyExponent(currency) > 0 ? `.${fraction}` : ''}`;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const INK = '#1f2430';
const MUTED = '#6b7280';
const RULE = '#d7dbe3';
const ACCENT = '#4f46e5';

type Doc = PDFKit.PDFDocument;

/** The columns of the lines table (x from the left margin, width, alignment). */
const COLUMNS = [
  { key: 'description', label: 'Description', width: 205, align: 'left' as const },
  { key: 'quantity', label: 'Qty', width: 34, align: 'right' as const },
  { key: 'basis', label: 'Basis', width: 62, align: 'right' as const },
  { key: 'rate', label: 'Rate', width: 40, align: 'right' as const },
  { key: 'net', label: 'Net', width: 58, align: 'right' as const },
  { key: 'vat', label: 'VAT', width: 47, align: 'right' as const },
  { key: 'gross', label: 'Gross', width: 53, align: 'right' as const },
];

/** The box a logo is fitted into, top-left of the first page (points). */
export const PDF_LOGO_BOX = { width: 170, height: 48 };

export async function renderDocumentPdf(document: BillingDocument, logo: DrawableLogo | null = null): Promise<Buffer> {
  const fonts = findFontDir();
  const PDFDocument = loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    font: join(fonts, FONT_FILES.regular),
    bufferPages: true,
    info: {
      Title: `${DOCUMENT_TYPE_LABELS[document.type]} ${document.number}`,
      Author: document.issuer.name,
      Subject: `${monthName(document.month)} — ${document.recipient.name}`,
      CreationDate: new Date(document.issuedAt),
    },
  });
  doc.registerFont('regular', join(fonts, FONT_FILES.regular));
  doc.registerFont('bold', join(fonts, FONT_FILES.bold));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  new Layout(doc, document, logo).render();
  doc.end();
  return done;
}

class Layout {
  private y = MARGIN;
  private readonly bottom = A4.height - MARGIN - 24;
  private readonly right = A4.width - MARGIN;
  private glyphCheck: ((codePoint: number) => boolean) | null = null;

  constructor(
    private readonly doc: Doc,
    private readonly d: BillingDocument,
    private readonly logo: DrawableLogo | null = null,
  ) {}

  /** Draws the issuer's logo fitted into PDF_LOGO_BOX at the top left; returns the height used. */
  private drawLogo(): number {
    const logo = this.logo;
    if (!logo) return 0;
    const scale = Math.min(PDF_LOGO_BOX.width / logo.width, PDF_LOGO_BOX.height / logo.height, 1);
    const width = logo.width * scale;
    const height = logo.height * scale;
    if (logo.kind === 'raster') {
      this.doc.image(logo.bytes, MARGIN, this.y, { width, height });
    } else {
      SVGtoPDF(this.doc, logo.text, MARGIN, this.y, {
        width,
        height,
        assumePt: true,
        preserveAspectRatio: 'xMinYMin meet',
        // Nothing outside the file is ever loaded (the stored SVG has no such references either).
        imageCallback: () => '',
        documentCallback: null,
        fontCallback: (_family, bold) => (bold ? 'bold' : 'regular'),
        warningCallback: () => undefined,
      });
    }
    this.doc.fillColor(INK).strokeColor(INK).fillOpacity(1).strokeOpacity(1);
    return height + 10;
  }

  /** Replaces what the embedded font cannot draw (decomposing accents it lacks first). */
  private safe(text: string): string {
    if (!this.glyphCheck) {
      const font = (this.doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?(cp: number): boolean } } })._font?.font;
      this.glyphCheck = font?.hasGlyphForCodePoint ? (cp) => font.hasGlyphForCodePoint!(cp) : () => true;
    }
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80 || this.glyphCheck(cp)) {
        out += ch;
        continue;
      }
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base !== '' && [...base].every((c) => this.glyphCheck!(c.codePointAt(0)!)) ? base : '?';
    }
    return out;
  }

  private font(weight: 'regular' | 'bold', size: number, color = INK): this {
    this.doc.font(weight).fontSize(size).fillColor(color);
    this.glyphCheck = null;
    return this;
  }

  private text(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions = {}): void {
    this.doc.text(this.safe(text), x, y, { lineBreak: false, ...options });
  }

  private heightOf(text: string, width: number): number {
    return this.doc.heightOfString(this.safe(text), { width });
  }

  private ensure(height: number, onNewPage?: () => void): void {
    if (this.y + height <= this.bottom) return;
    this.doc.addPage();
    this.y = MARGIN;
    onNewPage?.();
  }

  private rule(color = RULE, width = 0.6): void {
    this.doc.moveTo(MARGIN, this.y).lineTo(this.right, this.y).lineWidth(width).strokeColor(color).stroke();
  }

  private money(minor: number | null): string {
    return minor === null ? '' : groupedAmount(minor, this.d.currency);
  }

  render(): void {
    this.header();
    this.parties();
    this.d.sections.forEach((section, i) => this.section(section, i));
    this.totals();
    this.payment();
    this.notes();
    this.footers();
  }

  private header(): void {
    const d = this.d;
    this.font('bold', 20, ACCENT).text(DOCUMENT_TYPE_LABELS[d.type].toUpperCase(), MARGIN + 300, this.y - 2, { width: this.right - MARGIN - 300, align: 'right' });
    this.y += this.drawLogo();
    this.font('bold', 16).text(d.issuer.name, MARGIN, this.y, { width: 300 });
    this.y += 22;
    this.font('regular', 8.5, MUTED);
    const issuerLines = [...d.issuer.address, d.issuer.vatId ? `VAT-ID ${d.issuer.vatId}` : '', d.issuer.email].filter(Boolean);
    const facts: [string, string][] = [
      ['Number', d.number],
      ['Period', monthName(d.month)],
      ['Issued', d.issuedAt.slice(0, 10)],
      ...(d.dueAt ? ([['Due', d.dueAt.slice(0, 10)]] as [string, string][]) : []),
      ['Currency', d.currency],
      ...(d.correctsNumber ? ([['Corrects', d.correctsNumber]] as [string, string][]) : []),
    ];
    const top = this.y;
    issuerLines.forEach((line, i) => this.text(line, MARGIN, top + i * 11, { width: 280 }));
    facts.forEach(([label, value], i) => {
      this.font('regular', 8.5, MUTED).text(label, this.right - 200, top + i * 12, { width: 70 });
      this.font('bold', 8.5).text(value, this.right - 130, top + i * 12, { width: 130, align: 'right' });
    });
    this.y = top + Math.max(issuerLines.length * 11, facts.length * 12) + 14;
    this.rule(ACCENT, 1.2);
    this.y += 12;
  }

  private parties(): void {
    const block = (label: string, party: DocumentParty, x: number) => {
      this.font('regular', 7.5, MUTED).text(label.toUpperCase(), x, this.y, { width: 240, characterSpacing: 0.6 });
      this.font('bold', 10.5).text(party.name, x, this.y + 11, { width: 240 });
      const lines = [...party.address, party.vatId ? `VAT-ID ${party.vatId}` : ''].filter(Boolean);
      this.font('regular', 9);
      lines.forEach((line, i) => this.text(line, x, this.y + 26 + i * 11.5, { width: 240 }));
      return 26 + lines.length * 11.5;
    };
    const left = block('Billed to', this.d.recipient, MARGIN);
    const route = this.d.billedAs === 'partner' ? 'Partner documents with a separate part per managed shop' : 'Own documents';
    this.font('regular', 7.5, MUTED).text('DOCUMENT', MARGIN + 280, this.y, { width: 220, characterSpacing: 0.6 });
    this.font('regular', 9).text(route, MARGIN + 280, this.y + 11, { width: this.right - MARGIN - 280, lineBreak: true });
    this.y += Math.max(left, 40) + 16;
  }

  /** A table cell: 4 pt of padding on the side away from its alignment, so right-aligned figures end on the column's edge. */
  private cell(value: string, x: number, column: (typeof COLUMNS)[number]): void {
    this.text(value, column.align === 'right' ? x + 4 : x, this.y, { width: column.width - 4, align: column.align });
  }

  private tableHeader(): void {
    let x = MARGIN;
    this.font('bold', 7.5, MUTED);
    for (const c of COLUMNS) {
      this.cell(c.label, x, c);
      x += c.width;
    }
    this.y += 11;
    this.rule();
    this.y += 4;
  }

  private section(section: BillingDocument['sections'][number], index: number): void {
    const many = this.d.sections.length > 1;
    this.ensure(70);
    if (many || section.number) {
      const label = section.number ? `${DOCUMENT_TYPE_LABELS[this.d.type]} ${section.number}` : many ? `Part ${index + 1}` : '';
      this.font('bold', 10.5).text(section.title, MARGIN, this.y, { width: 330 });
      if (label) this.font('bold', 8.5, ACCENT).text(label, MARGIN + 330, this.y + 1.5, { width: this.right - MARGIN - 330, align: 'right' });
      this.y += 13.5;
      if (section.subtitle) {
        this.font('regular', 8, MUTED).text(section.subtitle, MARGIN, this.y, { width: this.right - MARGIN });
        this.y += 12;
      }
      this.y += 3;
    }
    this.tableHeader();
    for (const line of section.lines) this.line(line);
    this.rule();
    this.y += 4;
    this.ensure(16);
    this.font('bold', 8.5);
    const x = MARGIN + COLUMNS.slice(0, 4).reduce((w, c) => w + c.width, 0);
    this.text(many ? 'Part total' : 'Total', MARGIN, this.y, { width: 200 });
    [section.netMinor, section.vatMinor, section.grossMinor].reduce((left, amount, i) => {
      this.cell(this.money(amount), left, COLUMNS[4 + i]);
      return left + COLUMNS[4 + i].width;
    }, x);
    this.y += 14;
    // A managed shop's part is settled with the partner's document, through the partner's payment method.
    const settlement = this.d.settlement;
    if (settlement && this.d.type !== 'report' && section.companyId !== null && section.companyId !== this.d.recipient.companyId) {
      const sentence = partSettlementSentence(this.d.type, settlement);
      const h = this.heightOf(sentence, this.right - MARGIN);
      this.ensure(h + 4);
      this.font('regular', 8, MUTED);
      this.doc.text(this.safe(sentence), MARGIN, this.y, { width: this.right - MARGIN });
      this.y += h + 2;
    }
    this.y += 6;
  }

  /** How the document is charged or credited (the recipient's payment method on file), or that payment details are awaited. */
  private payment(): void {
    const d = this.d;
    if (!d.settlement || d.type === 'report') return;
    const sentence = settlementSentence(d.type, d.settlement);
    const awaiting = d.settlement.status === 'awaiting';
    const width = this.right - MARGIN;
    const h = this.heightOf(sentence, width - 20);
    this.ensure(h + 36);
    this.font('bold', 8.5).text('Payment', MARGIN, this.y);
    this.y += 13;
    this.doc.save();
    this.doc.roundedRect(MARGIN, this.y - 4, width, h + 12, 4).lineWidth(awaiting ? 1.2 : 0.8).strokeColor(awaiting ? '#b45309' : RULE).stroke();
    this.doc.restore();
    this.font(awaiting ? 'bold' : 'regular', 8.5, awaiting ? '#92400e' : INK);
    this.doc.text(this.safe(sentence), MARGIN + 10, this.y + 2, { width: width - 20 });
    this.y += h + 18;
  }

  private line(line: DocumentLine): void {
    const description = line.description;
    const height = Math.max(11, this.heightOf(description, COLUMNS[0].width - 6)) + 4;
    this.ensure(height, () => this.tableHeader());
    const color = line.inTotal ? INK : MUTED;
    this.font('regular', 8.5, color);
    this.doc.text(this.safe(description), MARGIN, this.y, { width: COLUMNS[0].width - 6 });
    const values = [
      line.quantity === null ? '' : String(line.quantity),
      this.money(line.basisMinor),
      line.rateBp === null ? '' : `${line.rateBp / 100} %`,
      line.inTotal || line.netMinor !== 0 ? this.money(line.netMinor) : '',
      line.vatMinor !== 0 || line.inTotal ? this.money(line.vatMinor) : '',
      line.inTotal || line.grossMinor !== 0 ? this.money(line.grossMinor) : '',
    ];
    let x = MARGIN + COLUMNS[0].width;
    values.forEach((value, i) => {
      this.cell(value, x, COLUMNS[i + 1]);
      x += COLUMNS[i + 1].width;
    });
    this.y += height;
  }

  private totals(): void {
    const d = this.d;
    this.ensure(80);
    const width = 230;
    const x = this.right - width;
    const row = (label: string, value: string, bold = false) => {
      this.font(bold ? 'bold' : 'regular', bold ? 10.5 : 9);
      this.text(label, x, this.y, { width: 140 });
      this.text(value, x + 120, this.y, { width: width - 120, align: 'right' });
      this.y += bold ? 16 : 13;
    };
    this.y += 2;
    if (d.type === 'report') {
      row('Net sales', `${this.money(d.netMinor)} ${d.currency}`);
      row('VAT on sales', `${this.money(d.vatMinor)} ${d.currency}`);
      this.doc.moveTo(x, this.y).lineTo(this.right, this.y).lineWidth(0.8).strokeColor(INK).stroke();
      this.y += 5;
      row('Gross sales', `${this.money(d.grossMinor)} ${d.currency}`, true);
    } else {
      row('Net', `${this.money(d.netMinor)} ${d.currency}`);
      if (d.type === 'invoice') row(d.reverseCharge ? 'VAT (reverse charge)' : `VAT ${d.vatRateBp / 100} %`, `${this.money(d.vatMinor)} ${d.currency}`);
      else if (d.vatMinor !== 0) row('VAT', `${this.money(d.vatMinor)} ${d.currency}`);
      this.doc.moveTo(x, this.y).lineTo(this.right, this.y).lineWidth(0.8).strokeColor(INK).stroke();
      this.y += 5;
      row(d.type === 'invoice' ? 'Total due' : 'Total credited', `${this.money(d.grossMinor)} ${d.currency}`, true);
    }
    this.y += 8;
  }

  private notes(): void {
    const d = this.d;
    const notes = [...d.notes];
    if (d.reason) notes.unshift(`Reason: ${d.reason}`);
    if (notes.length === 0) return;
    this.ensure(30);
    this.font('bold', 8.5).text('Notes', MARGIN, this.y);
    this.y += 13;
    this.font('regular', 8.5, INK);
    for (const note of notes) {
      const h = this.heightOf(note, this.right - MARGIN);
      this.ensure(h + 4);
      this.doc.text(this.safe(note), MARGIN, this.y, { width: this.right - MARGIN });
      this.y += h + 4;
    }
  }

  private footers(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const y = A4.height - MARGIN + 8;
      this.font('regular', 7.5, MUTED);
      // Written below the bottom margin: no automatic page break.
      this.doc.page.margins.bottom = 0;
      this.text(`${this.d.issuer.name} · ${DOCUMENT_TYPE_LABELS[this.d.type]} ${this.d.number}`, MARGIN, y, { width: 360 });
      this.text(`Page ${i - range.start + 1} of ${range.count}`, this.right - 120, y, { width: 120, align: 'right' });
      this.doc.page.margins.bottom = MARGIN;
    }
  }
}
