// Unsaved changes are never lost silently: a form or drawer with changes registers a guard (naming itself),
// and leaving it — a link, the side navigation, Back/forward or a typed address (router/location.ts asks before
// the screen changes), switching company, switching user, closing its drawer — first asks "Discard changes?"
// naming the form. The question is shown by <LeaveGuardHost> (frame); closing or reloading the window gets the
// browser's own prompt (`beforeunload`).
import { useEffect, useSyncExternalStore } from 'react';
import { addressBar } from './location';

interface Pending {
  /** The forms with unsaved changes, by name ("New product", "Company settings"), newest last. */
  forms: string[];
  proceed: () => void;
  cancel?: () => void;
}

const guards = new Map<number, string>();
let nextId = 1;
let pending: Pending | null = null;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of [...listeners]) listener();
}

/** Registers a guard for a form with unsaved changes, by the form's name; returns its removal. */
export function addLeaveGuard(form: string): () => void {
  const id = nextId++;
  guards.set(id, form);
  return () => {
    guards.delete(id);
  };
}

export function hasLeaveGuard(): boolean {
  return guards.size > 0;
}

/** Runs `proceed` at once, or after the person confirms leaving unsaved changes behind. */
export function requestLeave(proceed: () => void): void {
  if (guards.size === 0) {
    proceed();
    return;
  }
  pending = { forms: guardedForms(), proceed };
  notify();
}

/** The names of the forms with unsaved changes, each once, newest last. */
function guardedForms(): string[] {
  return [...new Set(guards.values())];
}

/** Resolves true at once, or when the person confirms leaving unsaved changes; false when they stay. */
export function askToLeave(): Promise<boolean> {
  if (guards.size === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    pending = { forms: guardedForms(), proceed: () => resolve(true), cancel: () => resolve(false) };
    notify();
  });
}

/** Leaves without asking (after a save, the guard's own form knows there is nothing to lose). */
export function leaveNow(proceed: () => void): void {
  guards.clear();
  proceed();
}

export function confirmLeave(): void {
  const p = pending;
  pending = null;
  notify();
  if (p) leaveNow(p.proceed);
}

export function cancelLeave(): void {
  const p = pending;
  pending = null;
  notify();
  p?.cancel?.();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePendingLeave(): Pending | null {
  return useSyncExternalStore(subscribe, () => pending, () => null);
}

/** A form's guard while it has changes; `form` names it in the question ("New product"). */
export function useLeaveGuard(active: boolean, form: string): void {
  useEffect(() => (active ? addLeaveGuard(form) : undefined), [active, form]);
}

/**
 * Catches in-app links (`href="#/..."`) while a guard is active, and the window closing. Installed once
 * by the frame; returns the removal.
 */
export function installLeaveGuard(win: Window = window): () => void {
  const onClick = (e: MouseEvent) => {
    // Every in-app link goes through the address bar (one history entry each, with its index for Back).
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = (e.target as Element | null)?.closest?.('a[href^="#/"]') as HTMLAnchorElement | null;
    if (!link || link.hasAttribute('data-leave-ok') || (link.target && link.target !== '_self')) return;
    const target = link.getAttribute('href') ?? '';
    e.preventDefault();
    if (target === win.location.hash) return;
    requestLeave(() => addressBar().go(target));
  };
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (guards.size === 0) return;
    e.preventDefault();
    e.returnValue = '';
  };
  win.document.addEventListener('click', onClick);
  win.addEventListener('beforeunload', onBeforeUnload);
  addressBar().setLeaveCheck(askToLeave);
  return () => {
    win.document.removeEventListener('click', onClick);
    win.removeEventListener('beforeunload', onBeforeUnload);
    addressBar().setLeaveCheck(null);
  };
}
