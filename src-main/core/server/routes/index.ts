// The modules the platform server starts with, in order (a route of an earlier module wins). Later issues
// append theirs (e.g. the webhook dispatcher's /_partnerdeck/ controls, the shop resources).
import { companiesModule } from '../admin/companies-routes';
import { ADMIN_PREFIX } from '../admin/rest-kit';
import { shopModule } from '../admin/shop-routes';
import { statisticsModule } from '../admin/statistics-routes';
import { webhooksModule } from '../admin/webhooks-routes';
import { authorizeModule } from '../oauth/authorize-routes';
import { tokenModule } from '../oauth/token-route';
import { tokeninfoModule } from '../oauth/tokeninfo-route';
import type { PlatformModule } from '../router';
import { clockModule } from './clock-routes';
import { operatorModule } from './operator-routes';

/** Every /admin path answers errors in the REST format, unknown paths included. */
const adminPrefixModule: PlatformModule = () => ({ routes: [], prefixes: [{ prefix: ADMIN_PREFIX, errors: 'rest' }] });

export const PLATFORM_MODULES: readonly PlatformModule[] = [
  operatorModule,
  clockModule,
  authorizeModule,
  tokenModule,
  tokeninfoModule,
  adminPrefixModule,
  webhooksModule,
  companiesModule,
  shopModule,
  statisticsModule,
];
