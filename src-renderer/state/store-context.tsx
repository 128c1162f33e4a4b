// Gives React components the store: `useApp(selector)` for one value, `useAppShallow` for objects, and
// `useActions()` for the (stable) actions.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AppActions, AppState, AppStore } from './store';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp() needs a <StoreProvider> above it');
  return store;
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}

export function useAppShallow<T extends object>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), useShallow(selector));
}

const selectActions = (s: AppState) => s.actions;

export function useActions(): AppActions {
  return useApp(selectActions);
}
