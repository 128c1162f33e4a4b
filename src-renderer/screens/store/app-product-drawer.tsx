// An app's or theme's product opened from Store → Products (issue 23 row 3): the seed sends a developer to
// "Products / Manage Products" and the app product's "API Credentials" section, so the product opens in the
// same editor as Extensions → My Apps — sales fields, API credentials (Client ID, reveal/rotate the secret,
// redirect URIs, Authorization URL, permissions, Start URL) and App Store approval — not a second copy of it.
import { useEffect } from 'react';
import type { Product } from '../../../src-shared/api/shop-types';
import { useActions, useApp } from '../../state/store-context';
import { LoadingDrawer } from '../../ui/form-drawer';
import { ListingDrawer } from '../apps/listing-drawer';

export function AppProductDrawer({ product, onClose }: { product: Product; onClose: () => void }) {
  const actions = useActions();
  const listings = useApp((s) => s.apps.myApps[product.companyId]);
  useEffect(() => {
    void actions.loadMyApps(product.companyId);
  }, [actions, product.companyId]);

  const app = listings?.data?.find((a) => a.productId === product.id) ?? null;
  if (!app) {
    const missing = listings?.status === 'ready';
    return (
      <LoadingDrawer
        title={product.name}
        error={listings?.status === 'error' ? listings.error : missing ? `The ${product.kind} behind product #${product.id} was not found among this shop's apps and themes.` : null}
        onRetry={() => void actions.loadMyApps(product.companyId)}
        onClose={onClose}
        testId="app-product-loading"
      />
    );
  }
  return <ListingDrawer key={app.id} app={app} onClose={onClose} onCreated={() => undefined} />;
}
