// The first screen's reads run once after `partnerdeck console` listens (issue 18 cold start): each as Self, one at
// a time, failures ignored, stopped when the console closes; and each input is one the contract accepts (a call
// refused by validation would warm nothing).
import { describe, expect, it } from 'vitest';
import { methods } from '../../../../src-shared/api/contract';
import { warmFirstScreen } from '../../../../src-main/cli/warm-start';
import { FIRST_SCREEN_READS } from '../../../../src-shared/api/first-screen';

describe('warmFirstScreen', () => {
  it('invokes each first-screen read once as Self, one at a time, and ignores failures', async () => {
    const seen: { method: string; input: unknown; acting: unknown; running: number }[] = [];
    let running = 0;
    const target = {
      async invoke(method: string, input: unknown, call?: { acting: number | null }) {
        running++;
        seen.push({ method, input, acting: call?.acting, running });
        await new Promise((r) => setTimeout(r, 1));
        running--;
        if (method === 'clock.get') throw new Error('refused');
        return {};
      },
      onEvent: () => () => undefined,
    };
    await warmFirstScreen(target, () => false);
    expect(seen.map((s) => s.method)).toEqual(FIRST_SCREEN_READS.map(([m]) => m));
    expect(seen.every((s) => s.acting === null && s.running === 1)).toBe(true);
  });

  it('stops when the console closes', async () => {
    const methodsCalled: string[] = [];
    let stop = false;
    const target = {
      async invoke(method: string) {
        methodsCalled.push(method);
        stop = methodsCalled.length === 2;
        return {};
      },
      onEvent: () => () => undefined,
    };
    await warmFirstScreen(target, () => stop);
    expect(methodsCalled).toHaveLength(2);
  });

  it('names only read methods the contract has, with inputs it accepts', () => {
    for (const [method, input] of FIRST_SCREEN_READS) {
      expect(method in methods).toBe(true);
      expect(methods[method].input.safeParse(input).success).toBe(true);
      expect(method).toMatch(/\.(get|info|list|switcher|signInCandidates)$/);
    }
  });
});
