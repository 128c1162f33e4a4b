// The first page's start-up (src-main/host/first-page.ts): settled once, FIRST_PAGE_QUIET_MS after a launch with
// no console call under way, never before a launch or while a call is.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_PAGE_QUIET_MS, watchFirstPage } from '../../../../src-main/host/first-page';

describe('watchFirstPage', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('settles once, after a launch and a quiet FIRST_PAGE_QUIET_MS without a call under way', () => {
    const settled = vi.fn();
    const page = watchFirstPage(settled);
    page.callStarted();
    page.callEnded();
    vi.advanceTimersByTime(FIRST_PAGE_QUIET_MS * 2);
    expect(settled).not.toHaveBeenCalled(); // not launched yet
    page.launched();
    page.callStarted();
    vi.advanceTimersByTime(FIRST_PAGE_QUIET_MS * 2);
    expect(settled).not.toHaveBeenCalled(); // a call is under way
    page.callEnded();
    vi.advanceTimersByTime(FIRST_PAGE_QUIET_MS - 1);
    expect(settled).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(settled).toHaveBeenCalledTimes(1);
    page.callStarted();
    page.callEnded();
    vi.advanceTimersByTime(FIRST_PAGE_QUIET_MS * 2);
    expect(settled).toHaveBeenCalledTimes(1);
    expect(page.wasLaunched()).toBe(true);
  });
});
