import { describe, expect, it } from 'vitest';
import { bandScale, labelEvery, linearScale, nearestIndex, niceStep, niceTicks } from '../../../../../src-renderer/ui/charts/scale';

describe('chart scales', () => {
  it('picks nice steps of 1, 2, 2.5 and 5 times a power of ten', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.3)).toBe(2);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(1234)).toBe(2000);
    expect(niceStep(0.03)).toBeCloseTo(0.05);
    expect(niceStep(0)).toBe(1);
  });

  it('covers the data with whole steps from zero', () => {
    expect(niceTicks(0, 987_654)).toEqual({ min: 0, max: 1_000_000, step: 200_000, values: [0, 200_000, 400_000, 600_000, 800_000, 1_000_000] });
    expect(niceTicks(0, 100)).toMatchObject({ max: 100, step: 20 });
    expect(niceTicks(0, 101)).toMatchObject({ max: 125, step: 25 });
    const small = niceTicks(0, 0.3);
    expect(small.values).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('never returns an empty axis; all zero has the one tick 0 (no made-up "€0.1, €0, €0" scale)', () => {
    expect(niceTicks(0, 0)).toEqual({ min: 0, max: 1, step: 1, values: [0] });
    expect(niceTicks(0, 0, 4, true)).toEqual({ min: 0, max: 1, step: 1, values: [0] });
    expect(niceTicks(50, 50)).toMatchObject({ min: 0, max: 50 });
  });

  it('keeps integer steps for counts and minor units', () => {
    const ticks = niceTicks(0, 3, 5, true);
    expect(ticks.step).toBe(1);
    expect(ticks.values).toEqual([0, 1, 2, 3]);
  });

  it('handles negative values and an inverted input', () => {
    expect(niceTicks(-40, 90).values).toEqual([-50, 0, 50, 100]);
    expect(niceTicks(-40, 90, 8).values).toEqual([-40, -20, 0, 20, 40, 60, 80, 100]);
    expect(niceTicks(90, -40).min).toBe(-50);
  });

  it('maps linearly and back', () => {
    const y = linearScale([0, 200], [300, 0]);
    expect(y(0)).toBe(300);
    expect(y(200)).toBe(0);
    expect(y(50)).toBe(225);
    expect(y.invert(225)).toBe(50);
    expect(linearScale([5, 5], [0, 100])(5)).toBe(0);
  });

  it('spreads bands with padding', () => {
    const band = bandScale(4, [0, 420], 0.2);
    expect(band.step).toBeCloseTo(100);
    expect(band.bandwidth).toBeCloseTo(80);
    expect(band(0)).toBeCloseTo(20);
    expect(band(3)).toBeCloseTo(320);
    expect(band(3) + band.bandwidth).toBeCloseTo(400);
  });

  it('finds the point nearest to the pointer and thins labels', () => {
    const x = (i: number) => i * 10;
    expect(nearestIndex(5, x, 14)).toBe(1);
    expect(nearestIndex(5, x, 16)).toBe(2);
    expect(nearestIndex(5, x, 999)).toBe(4);
    expect(nearestIndex(0, x, 5)).toBe(-1);
    expect(labelEvery(31, 620, 48)).toBe(3);
    expect(labelEvery(12, 1200, 48)).toBe(1);
  });
});
