// The logistics area's screens: loaded on first use, in a chunk of their own (see ../../lazy-screens.tsx). Only
// re-exports: what the manifest (index.tsx) needs at start-up stays out of this module.
export { LogisticsReviewScreen } from './logistics-review-screen';
export { LogisticsScreen } from './provider-screen';
export { ShopStockScreen, StorefrontOrderScreen } from './shop-logistics';
