// The first page's start-up as the browser host watches it (issue 18 cold start): once a launch link was traded,
// the first moment no console call has been under way for FIRST_PAGE_QUIET_MS counts as "the page has made its
// start-up calls"; the console starts its worker threads then (browser-host.ts `onFirstPageSettled`), so they do
// not boot beside the page's first calls.

/** How long no console call may be under way after a launch trade before the first page counts as settled. */
export const FIRST_PAGE_QUIET_MS = 300;

/**
 * The first page's start-up: once a launch link was traded, `settled` is called the first time no console call has
 * been under way for FIRST_PAGE_QUIET_MS (once per host).
 */
export function watchFirstPage(settled: (() => void) | undefined) {
  let launched = false;
  let done = settled === undefined;
  let inFlight = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const arm = () => {
    if (done || !launched || inFlight > 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (done || inFlight > 0) return;
      done = true;
      settled!();
    }, FIRST_PAGE_QUIET_MS);
  };
  return {
    launched() {
      launched = true;
      arm();
    },
    wasLaunched: () => launched,
    callStarted() {
      inFlight++;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    callEnded() {
      inFlight--;
      arm();
    },
    stop() {
      done = true;
      if (timer) clearTimeout(timer);
    },
  };
}
