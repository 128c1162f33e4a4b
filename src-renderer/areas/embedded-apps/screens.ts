// The embedded-apps area's screens: loaded on first use, in a chunk of their own (see ../../lazy-screens.tsx). Only
// re-exports: what the manifest (index.tsx) needs at start-up stays out of this module.
export { EmbedCheckerScreen } from '../../screens/apps/embed-checker-screen';
export { EmbeddedAppScreen } from '../../screens/apps/embedded-app-screen';
export { ManageAppsScreen } from '../../screens/apps/manage-apps-screen';
