// The dev-tools area's screens: loaded on first use, in a chunk of their own (see ../../lazy-screens.tsx). Only
// re-exports: what the manifest (index.tsx) needs at start-up stays out of this module.
export { ApiLogScreen } from '../../screens/api-log-screen';
