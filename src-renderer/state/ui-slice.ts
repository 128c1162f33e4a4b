// UI state that is not data: toasts, the command palette (Ctrl/Cmd+K) and what it opens (Switch user…, the
// keyboard shortcuts), and the palette's search in the acting client's shop.
import type { Customer, OrderSummary, Product } from '../../src-shared/api/shop-types';
import type { SliceContext } from './slice-context';
import { patch } from './slice-context';

export type ToastKind = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  detail?: string;
}

export interface UiState {
  toasts: Toast[];
  paletteOpen: boolean;
  /** The Switch user dialog (from the user menu or the palette). */
  switchUserOpen: boolean;
  /** The keyboard shortcuts (`?`). */
  shortcutsOpen: boolean;
}

/** What the palette finds in the acting client's shop: a few of each, by the lists' own search. */
export interface ShopHits {
  products: Product[] | null;
  orders: OrderSummary[] | null;
  customers: Customer[] | null;
}

/** Which of a shop's lists the palette searches (the user's permissions decide). */
export interface ShopSearchScope {
  products: boolean;
  orders: boolean;
  customers: boolean;
}

export interface UiActions {
  toast(kind: ToastKind, message: string, detail?: string): void;
  dismissToast(id: number): void;
  /** Drops every toast: another user signing in does not see what the previous one was told. */
  clearToasts(): void;
  openPalette(): void;
  closePalette(): void;
  setSwitchUserOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
  /** The palette's search in a shop (the acting client's): the first few products, orders and customers. */
  paletteSearch(companyId: number, search: string, scope: ShopSearchScope): Promise<ShopHits>;
}

/** How many of each kind the palette shows. */
export const SHOP_HITS = 5;

const TOAST_MS: Record<ToastKind, number> = { success: 3500, info: 4500, error: 8000 };
const MAX_TOASTS = 4;

export function createUiSlice(ctx: SliceContext): { state: UiState; actions: UiActions } {
  let nextId = 1;
  const actions: UiActions = {
    toast(kind, message, detail) {
      const id = nextId++;
      patch(ctx, 'ui', (ui) => ({ toasts: [...ui.toasts, { id, kind, message, detail }].slice(-MAX_TOASTS) }));
      if (typeof setTimeout === 'function') setTimeout(() => actions.dismissToast(id), TOAST_MS[kind]);
    },
    dismissToast(id) {
      patch(ctx, 'ui', (ui) => ({ toasts: ui.toasts.filter((t) => t.id !== id) }));
    },
    clearToasts() {
      patch(ctx, 'ui', { toasts: [] });
    },
    openPalette() {
      patch(ctx, 'ui', { paletteOpen: true });
    },
    closePalette() {
      patch(ctx, 'ui', { paletteOpen: false });
    },
    setSwitchUserOpen(open) {
      patch(ctx, 'ui', { switchUserOpen: open });
    },
    setShortcutsOpen(open) {
      patch(ctx, 'ui', { shortcutsOpen: open });
    },
    async paletteSearch(companyId, search, scope) {
      const list = { companyId, search, offset: 0, limit: SHOP_HITS };
      // The three lists' own server search (name/SKU, number/customer, name/email/city), side by side.
      const [products, orders, customers] = await Promise.all([
        scope.products ? ctx.client.call('products.list', list).then((p) => p.items) : null,
        scope.orders ? ctx.client.call('orders.list', list).then((p) => p.items) : null,
        scope.customers ? ctx.client.call('customers.list', list).then((p) => p.items) : null,
      ]);
      return { products, orders, customers };
    },
  };
  return { state: { toasts: [], paletteOpen: false, switchUserOpen: false, shortcutsOpen: false }, actions };
}
