// Tells live views (the console's Webhooks screen) that a company's deliveries changed: one
// `webhook_deliveries.changed` per company at most every 150 ms. The dispatcher notes the attempts it logs;
// rows other processes committed (events a CLI `trigger` queued, attempts the dispatching process logged
// while this one stands by) are found by comparing the newest ids with those seen before.
import type { Platform } from '../platform';
import { internalsOf } from '../platform-internals';

export interface DeliveryNotices {
  /** Something of this company's deliveries changed. */
  note(companyId: number): void;
  /** Notes the companies of events, and if `withAttempts` of attempts, written since the last look. */
  noteNewRows(withAttempts: boolean): void;
  /** Publishes what is noted now (stop). */
  flush(): void;
}

const CHANGE_NOTICE_MS = 150;

export function createDeliveryNotices(platform: Platform): DeliveryNotices {
  const repo = internalsOf(platform).repos.webhookDelivery;
  const changedCompanies = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let seenEventId = repo.maxEventId();
  let seenAttemptId = repo.maxAttemptId();

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const companies = [...changedCompanies];
    changedCompanies.clear();
    for (const companyId of companies) platform.events.publish('webhook_deliveries.changed', { companyId });
  }

  function note(companyId: number): void {
    changedCompanies.add(companyId);
    if (timer) return;
    timer = setTimeout(flush, CHANGE_NOTICE_MS);
  }

  return {
    note,
    flush,
    noteNewRows(withAttempts) {
      const events = repo.maxEventId();
      if (events !== seenEventId) {
        for (const companyId of repo.companiesWithEventsAfter(seenEventId)) note(companyId);
        seenEventId = events;
      }
      const attempts = repo.maxAttemptId();
      if (withAttempts && attempts !== seenAttemptId) {
        for (const companyId of repo.companiesWithAttemptsAfter(seenAttemptId)) note(companyId);
      }
      seenAttemptId = attempts;
    },
  };
}
