// The platform server's own modules, which run before every area's (core/areas/<area>.ts `routes`): the health
// check, the docs and the /_partnerdeck/ guard (operator-routes.ts), and the REST error style for all of /admin.
import { ADMIN_PREFIX } from '../admin/rest-kit';
import type { PlatformModule } from '../router';
import { operatorModule } from './operator-routes';

/** Every /admin path answers errors in the REST format, unknown paths included. */
const adminPrefixModule: PlatformModule = () => ({ routes: [], prefixes: [{ prefix: ADMIN_PREFIX, errors: 'rest' }] });

export const SERVER_MODULES: readonly PlatformModule[] = [operatorModule, adminPrefixModule];
