// The arithmetic of the console's charts, kept free of React and the DOM so it can be unit-tested: "nice"
// axis ticks (1, 2, 2.5, 5 x 10^n), linear and band scales, and the nearest point to the pointer.

/** The nice step (1, 2, 2.5 or 5 times a power of ten) at or above `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  // A little tolerance: 2.0000000001 (float noise) is still a 2.
  const nice = fraction <= 1.000001 ? 1 : fraction <= 2.000001 ? 2 : fraction <= 2.500001 ? 2.5 : fraction <= 5.000001 ? 5 : 10;
  return nice * power;
}

export interface Ticks {
  /** The axis' domain, widened to whole steps. */
  min: number;
  max: number;
  step: number;
  values: number[];
}

/**
 * Ticks for a value axis from `min` to `max` with at most about `target` + 1 ticks. The domain always
 * includes zero for amounts (pass min = 0). An empty range (all zero) has the one honest tick, 0, over a
 * domain of 0..1 (a tiny made-up scale would read "€0.05, €0.04, …" or, rounded, "€0.1, €0, €0").
 * `integer` keeps steps whole (minor units, counts).
 */
export function niceTicks(min: number, max: number, target = 5, integer = false): Ticks {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (lo === 0 && hi === 0) return { min: 0, max: 1, step: 1, values: [0] };
  if (lo === hi) {
    if (hi > 0) lo = 0;
    else hi = 0;
  }
  let step = niceStep((hi - lo) / Math.max(1, target));
  if (integer) step = Math.max(1, Math.ceil(step));
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const values: number[] = [];
  const count = Math.round((last - first) / step);
  for (let i = 0; i <= count; i++) values.push(roundTo(first + i * step, step));
  return { min: values[0], max: values[values.length - 1], step, values };
}

/** Removes float noise (0.30000000000000004 -> 0.3) at the step's precision. */
function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(value.toFixed(Math.min(decimals, 12)));
}

export interface LinearScale {
  (value: number): number;
  invert(position: number): number;
  domain: [number, number];
  range: [number, number];
}

/** Maps [d0, d1] onto [r0, r1] (a degenerate domain maps everything to r0). */
export function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const scale = ((value: number) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0))) as LinearScale;
  scale.invert = (position: number) => (r1 === r0 ? d0 : d0 + ((position - r0) / (r1 - r0)) * span);
  scale.domain = [d0, d1];
  scale.range = [r0, r1];
  return scale;
}

export interface BandScale {
  /** Start of band `index`. */
  (index: number): number;
  bandwidth: number;
  step: number;
}

/** `count` equal bands across [r0, r1] with `padding` (0..1) of each step left empty between them. */
export function bandScale(count: number, range: [number, number], padding = 0.2): BandScale {
  const [r0, r1] = range;
  const n = Math.max(1, count);
  const step = (r1 - r0) / (n + padding);
  const bandwidth = step * (1 - padding);
  const scale = ((index: number) => r0 + step * padding + index * step) as BandScale;
  scale.bandwidth = Math.max(0, bandwidth);
  scale.step = step;
  return scale;
}

/** The index of the point nearest to `position` among `count` points spread by `x` (for hover tooltips). */
export function nearestIndex(count: number, x: (index: number) => number, position: number): number {
  if (count <= 0) return -1;
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < count; i++) {
    const distance = Math.abs(x(i) - position);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}

/** Which of `count` labels to show so that they are at least `minGap` px apart on an axis `width` wide. */
export function labelEvery(count: number, width: number, minGap: number): number {
  if (count <= 1 || width <= 0) return 1;
  const per = width / count;
  return Math.max(1, Math.ceil(minGap / per));
}
