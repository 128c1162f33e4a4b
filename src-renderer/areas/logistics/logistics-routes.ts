// The logistics screens' paths: the provider's tabs under #/logistics, an item (an order in the queue, a shipment).
export const PROVIDER_TABS = ['overview', 'warehouses', 'rates', 'queue', 'shipments', 'stock'] as const;
export type ProviderTab = (typeof PROVIDER_TABS)[number];

export const tabHref = (tab: ProviderTab, item?: number) => `#/logistics${tab === 'overview' ? '' : `/${tab}`}${item ? `/${item}` : ''}`;

/** Opens an address of the logistics screens (a tab, an item's drawer). */
export const go = (hash: string) => {
  window.location.hash = hash;
};
