// The app-store area's screens: loaded on first use, in a chunk of their own (see ../../lazy-screens.tsx). Only
// re-exports: what the manifest (index.tsx) needs at start-up stays out of this module.
export { AppReviewScreen } from '../../screens/apps/app-review-screen';
export { AppStoreScreen } from '../../screens/apps/app-store-screen';
export { MyAppsScreen } from '../../screens/apps/my-apps-screen';
