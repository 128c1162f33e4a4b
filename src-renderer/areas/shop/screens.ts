// The shop area's screens: loaded on first use, in a chunk of their own (see ../../lazy-screens.tsx). Only
// re-exports: what the manifest (index.tsx) needs at start-up stays out of this module.
export { ShopSettingsScreen } from '../../screens/shop-settings-screen';
export { StoreScreen } from '../../screens/store/store-screen';
export { StorefrontScreen } from '../../screens/store/storefront-screen';
