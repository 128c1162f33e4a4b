// UI state that is not data: toasts and the company palette.
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
}

export interface UiActions {
  toast(kind: ToastKind, message: string, detail?: string): void;
  dismissToast(id: number): void;
  /** Drops every toast: another user signing in does not see what the previous one was told. */
  clearToasts(): void;
  openPalette(): void;
  closePalette(): void;
}

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
  };
  return { state: { toasts: [], paletteOpen: false }, actions };
}
