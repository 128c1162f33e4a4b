// Switching the acting company of this window, then landing on a screen that makes sense for it: the requested
// target, the current screen when it is still available, or the overview. Unsaved changes are asked about
// first. The switch never shows a blank screen: the previous screen stays (dimmed, with a progress bar) while
// the destination's data loads, then the new company and its screen appear together in one render, under the
// company's own address (`#/c/<id>/…`, a new history entry: Back returns to the previous company's screen).
// Other windows keep their own company. `followAddress` is the other direction: Back/forward, a typed address or
// a bookmark names another company, and the window acts as it (the address already says where to go).
import type { SessionInfo } from '../../src-shared/api/types';
import { capabilitiesOf } from '../state/capabilities';
import { actingOf } from '../state/session-slice';
import type { AppActions } from '../state/store';
import { keepsOnSwitch, prefetchRoute, routeAccess, type Route } from '../router/routes';
import { askToLeave } from '../router/leave-guard';
import { currentRoute, navigate } from '../router/use-route';

/** Where the console goes after switching to the company of `info`. */
export function destinationAfterSwitch(info: SessionInfo, route: Route, target?: Route): Route {
  if (target) return target;
  const stays = keepsOnSwitch(route) && routeAccess(route, capabilitiesOf(info)).ok;
  return stays ? route : { name: 'overview' };
}

export async function switchCompany(actions: AppActions, companyId: number | null, target?: Route): Promise<boolean> {
  if (!(await askToLeave())) return false;
  const from = currentRoute();
  try {
    await actions.switchCompany(companyId, {
      prepare: (info) => prefetchRoute(destinationAfterSwitch(info, from, target), actions, info),
      // The address changes in the same tick as the session, so both render together.
      beforeApply: (info) => navigate(destinationAfterSwitch(info, from, target), { acting: actingOf(info) }),
    });
    return true;
  } catch {
    return false; // The action already showed the error.
  }
}

/**
 * The address names another company than the one shown (Back/forward, a bookmark, a typed address): act as it
 * and show the address's screen, prefetched like any switch. Unsaved changes were asked about before the
 * address was taken (router/location.ts). A company the user cannot see: Self, on the same screen if possible.
 */
export async function followAddress(actions: AppActions, acting: number | null): Promise<void> {
  const route = currentRoute();
  try {
    await actions.switchCompany(acting, { prepare: (info) => prefetchRoute(route, actions, info) });
  } catch {
    // The action showed why (e.g. not among the user's clients): this window goes back to Self (the frame
    // follows the corrected address).
    navigate(route, { acting: null, replace: true });
  }
}

/** The drill-down from a combined figure: act as the client and open its dashboard, in one click. */
export function drillIntoClient(actions: AppActions, companyId: number): Promise<boolean> {
  return switchCompany(actions, companyId, { name: 'store-dashboard' });
}
