// The oauth area's screens: loaded on first use, in a chunk of their own (see ../../lazy-screens.tsx). Only
// re-exports: what the manifest (index.tsx) needs at start-up stays out of this module.
export { AuthorizedAppsScreen } from '../../screens/authorized-apps-screen';
export { DeveloperScreen } from '../../screens/developer-screen';
export { SettingsScreen } from '../../screens/settings-screen';
