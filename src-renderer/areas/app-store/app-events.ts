// The pushed events that change which apps a company has or how they are listed: the App Store's lists and
// Manage Apps (an authorized app is an installed app there: src-main/core/apps/installed-apps.ts) both follow them.
import type { PushedEvent } from '../../../src-shared/api/ipc';

const APP_LIST_EVENTS = ['authorization.granted', 'authorization.revoked', 'app.installed', 'app.uninstalled', 'app.updated', 'app_listing.changed'] as const;

export type AppListEvent = Extract<PushedEvent, { name: (typeof APP_LIST_EVENTS)[number] }>;

export function isAppListEvent(event: PushedEvent): event is AppListEvent {
  return (APP_LIST_EVENTS as readonly string[]).includes(event.name);
}
