// Makes an uploaded SVG logo inert before it is stored: parsed as strict XML with @xmldom/xmldom (no DTD is ever
// accepted, so no external entity can be read and no entity can expand), then rebuilt from an allow-list of SVG
// drawing elements and presentation attributes. What is dropped: scripts, event handlers, links (<a> is unwrapped),
// foreignObject/HTML, <image> and every reference to anything outside the file (href other than "#id", url(...)
// other than url(#id), CSS @import), processing instructions and comments. The result is then only ever shown as
// an image (<img src="data:image/svg+xml;…">, where browsers run no script and load nothing) and drawn into PDFs
// by svg-to-pdfkit, so a gap in this list would still not run anything: two layers.
//
// Why not DOMPurify: on a server it needs a full DOM implementation (jsdom) in the main process and in the
// desktop bundle; the XML parser + allow-list here is the same approach (DOMPurify's SVG allow-lists) on a
// well-kept parser, and the tests feed it the known hostile SVGs (test/unit/main/core/branding/logo-file.test.ts).
import { DOMParser, XMLSerializer, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'symbol', 'use', 'switch', 'style',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'marker',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feDropShadow', 'feFlood',
  'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feMerge', 'feMergeNode', 'feMorphology',
  'feOffset',
]);

/** Elements whose content goes with them (the others' children are kept when they are dropped, like <a>). */
const DROP_WITH_CONTENT = new Set(['script', 'foreignObject', 'image', 'iframe', 'embed', 'object', 'audio', 'video', 'canvas', 'animate', 'animateMotion', 'animateTransform', 'set', 'handler', 'listener', 'metadata', 'font', 'font-face', 'cursor', 'view']);

const ATTRIBUTES = new Set([
  'id', 'class', 'style', 'transform', 'version', 'viewBox', 'preserveAspectRatio', 'width', 'height', 'x', 'y',
  'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'd', 'points', 'pathLength',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-opacity', 'opacity', 'color', 'display',
  'visibility', 'clip-path', 'clip-rule', 'mask', 'filter', 'paint-order', 'vector-effect', 'shape-rendering',
  'mix-blend-mode', 'isolation', 'color-interpolation', 'color-interpolation-filters',
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch', 'text-anchor',
  'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'letter-spacing', 'word-spacing',
  'text-decoration', 'text-rendering', 'writing-mode', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust',
  'startOffset', 'method', 'spacing', 'side',
  'offset', 'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform', 'spreadMethod',
  'patternUnits', 'patternContentUnits', 'patternTransform', 'clipPathUnits', 'maskUnits', 'maskContentUnits',
  'markerWidth', 'markerHeight', 'markerUnits', 'refX', 'refY', 'orient', 'marker-start', 'marker-mid', 'marker-end',
  'filterUnits', 'primitiveUnits', 'in', 'in2', 'result', 'stdDeviation', 'mode', 'operator', 'k1', 'k2', 'k3',
  'k4', 'values', 'type', 'tableValues', 'slope', 'intercept', 'amplitude', 'exponent', 'flood-color',
  'flood-opacity', 'radius', 'media', 'href', 'space', 'lang', 'systemLanguage', 'requiredExtensions',
]);

export class SvgRejected extends Error {}

export interface SanitizedSvg {
  /** The rebuilt file (UTF-8). */
  text: string;
  width: number;
  height: number;
  /** What was taken out, for the person who uploaded it ("<script> element", "onload attribute"). */
  removed: string[];
  elements: number;
}

/** A reference to something inside this file only: "#id" or url(#id). */
function isLocalReference(value: string): boolean {
  return /^\s*#[^\s]*\s*$/.test(value);
}

/** CSS (a style attribute or element) that reaches nothing outside the file. Escapes are refused outright:
 * `\75 rl(` is `url(`, and a logo has no need for them. */
function cssIsInert(css: string): boolean {
  if (/\\|@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding/i.test(css)) return false;
  for (const match of css.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    if (!isLocalReference(match[2] ?? '')) return false;
  }
  // A url( the pattern above could not read (unbalanced quotes): refuse.
  return (css.match(/url\s*\(/gi) ?? []).length === [...css.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)].length;
}

function attributeIsInert(name: string, value: string): boolean {
  if (/javascript:|vbscript:|data:/i.test([...value].filter((ch) => ch.charCodeAt(0) > 0x20).join(''))) return false;
  if (name === 'href') return isLocalReference(value);
  if (name === 'style') return cssIsInert(value);
  return cssIsInert(value);
}

/** A length in user units (px or unitless; pt and a few absolute units converted), or null. */
function lengthOf(value: string | null): number | null {
  if (value === null) return null;
  const match = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(px|pt|mm|cm|in)?\s*$/i.exec(value);
  if (!match) return null;
  const factor = { px: 1, pt: 4 / 3, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 }[(match[2] ?? 'px').toLowerCase() as 'px'];
  const n = Number(match[1]) * factor;
  return Number.isFinite(n) && n > 0 ? n : null;
}

export function sanitizeSvg(text: string, maxElements: number): SanitizedSvg {
  // No DTD at all: that is where external entities (XXE) and expanding entities (billion laughs) live.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new SvgRejected('has a DOCTYPE or entity declarations; save it as plain SVG without them');
  let problem: string | null = null;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning' && problem === null) problem = String(message).split('\n')[0] ?? 'parse error';
    },
  });
  let doc;
  try {
    doc = parser.parseFromString(text, 'image/svg+xml');
  } catch (error) {
    throw new SvgRejected(`is not well-formed XML (${(error as Error).message.split('\n')[0]})`);
  }
  if (problem !== null) throw new SvgRejected(`is not well-formed XML (${problem})`);
  const root = doc.documentElement;
  if (!root || root.localName !== 'svg' || root.namespaceURI !== SVG_NS) {
    throw new SvgRejected('is not an SVG image (its root element must be <svg xmlns="http://www.w3.org/2000/svg">)');
  }

  const removed = new Map<string, number>();
  const note = (what: string) => removed.set(what, (removed.get(what) ?? 0) + 1);
  let elements = 0;

  const clean = (element: XmlElement): void => {
    elements += 1;
    if (elements > maxElements) throw new SvgRejected(`has more than ${maxElements.toLocaleString('en-US')} elements; simplify it`);
    for (const attr of Array.from(element.attributes)) {
      const ns = attr.namespaceURI;
      const local = attr.localName ?? attr.name;
      if (ns === XMLNS_NS || attr.name === 'xmlns') {
        // Namespace declarations: only SVG's and XLink's stay.
        if (attr.value !== SVG_NS && attr.value !== XLINK_NS) element.removeAttributeNode(attr);
        continue;
      }
      const known = ns === null || ns === '' ? ATTRIBUTES.has(local) : (ns === XLINK_NS && local === 'href') || (ns === XML_NS && local === 'space');
      if (!known || !attributeIsInert(local, attr.value)) {
        element.removeAttributeNode(attr);
        note(/^on/i.test(local) ? `${local} event handler` : local === 'href' ? 'link to outside the file' : `${attr.name} attribute`);
      }
    }
    cleanChildren(element);
  };

  const cleanChildren = (element: XmlElement): void => {
    for (const child of Array.from(element.childNodes) as XmlNode[]) {
      if (child.nodeType === child.ELEMENT_NODE) {
        const el = child as XmlElement;
        const name = el.localName ?? el.nodeName;
        if (el.namespaceURI !== SVG_NS || !ELEMENTS.has(name)) {
          note(`<${el.nodeName}> element`);
          if (DROP_WITH_CONTENT.has(name) || el.namespaceURI !== SVG_NS) {
            element.removeChild(el);
          } else {
            // <a>, unknown containers: keep the (checked) drawing inside, drop the element.
            cleanChildren(el);
            while (el.firstChild) element.insertBefore(el.firstChild, el);
            element.removeChild(el);
          }
          continue;
        }
        if (name === 'style' && !cssIsInert(el.textContent ?? '')) {
          note('<style> with outside references');
          element.removeChild(el);
          continue;
        }
        clean(el);
      } else if (child.nodeType !== child.TEXT_NODE && child.nodeType !== child.CDATA_SECTION_NODE) {
        // Comments, processing instructions (<?xml-stylesheet href=…?>).
        if (child.nodeType === child.PROCESSING_INSTRUCTION_NODE) note('processing instruction');
        element.removeChild(child);
      }
    }
  };
  clean(root);
  let out = new XMLSerializer().serializeToString(root);
  if (!out.includes(`xmlns="${SVG_NS}"`)) out = out.replace(/^<svg\b/, `<svg xmlns="${SVG_NS}"`);

  const view = (root.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  const viewSize = view.length === 4 && view.every(Number.isFinite) && view[2]! > 0 && view[3]! > 0 ? { width: view[2]!, height: view[3]! } : null;
  const width = lengthOf(root.getAttribute('width')) ?? viewSize?.width ?? null;
  const height = lengthOf(root.getAttribute('height')) ?? viewSize?.height ?? null;
  if (width === null || height === null) throw new SvgRejected('has no size: give its <svg> element a viewBox (or width and height)');

  return {
    text: out,
    width: Math.max(1, Math.round(width)),
    height: Math.max(1, Math.round(height)),
    removed: [...removed].map(([what, n]) => (n > 1 ? `${what} (${n})` : what)),
    elements,
  };
}
