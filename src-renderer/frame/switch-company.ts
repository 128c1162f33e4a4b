// Switching the acting company, then landing on a screen that makes sense for it: the requested target,
// the current screen when it is still available, or the overview. Unsaved changes are asked about first.
// The switch never shows a blank screen: the previous screen stays (dimmed, with a progress bar) while the
// destination's data loads, then the new company and its screen appear together in one render.
import type { SessionInfo } from '../../src-shared/api/types';
import { capabilitiesOf } from '../state/capabilities';
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
      // The route changes in the same tick as the session, so both render together.
      beforeApply: (info) => {
        const to = destinationAfterSwitch(info, from, target);
        if (to !== from) navigate(to);
      },
    });
    return true;
  } catch {
    return false; // The action already showed the error.
  }
}

/** The drill-down from a combined figure: act as the client and open its dashboard, in one click. */
export function drillIntoClient(actions: AppActions, companyId: number): Promise<boolean> {
  return switchCompany(actions, companyId, { name: 'store-dashboard' });
}
