// Switching the acting company, then landing on a screen that makes sense for it: the requested target,
// the current screen when it is still available, or the overview.
import { capabilitiesOf, routeAccess } from '../state/capabilities';
import type { AppActions } from '../state/store';
import type { Route } from '../router/routes';
import { currentRoute, navigate } from '../router/use-route';

export async function switchCompany(actions: AppActions, companyId: number | null, target?: Route): Promise<boolean> {
  try {
    const info = await actions.switchCompany(companyId);
    if (target) {
      navigate(target);
    } else {
      const route = currentRoute();
      const stays = route.name !== 'company' && routeAccess(route, capabilitiesOf(info)).ok;
      if (!stays) navigate({ name: 'overview' });
    }
    return true;
  } catch {
    return false; // The action already showed the error.
  }
}
