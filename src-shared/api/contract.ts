// The one console API. Every method the renderer can call is declared once, by its area (./areas/<area>.ts),
// and merged here; the events are in ./event-catalogue.ts. The Electron IPC handlers, the browser host's HTTP routes
// and the renderer client are all built from this map, so a method cannot exist on one side only.
import type { z } from 'zod';
import { mergeParts } from './area';
import { SHARED_AREAS } from './areas';
import type { CallEnvelope, PushedEvent } from './ipc';

/** Every console method of every area (./areas/index.ts lists the areas). */
export const methods = mergeParts(SHARED_AREAS, 'methods');

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** What the renderer calls; implemented by the preload bridge (Electron) and a fetch adapter (browser). */
export interface ConsoleClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Subscribes to pushed events; returns an unsubscribe function. */
  subscribe(listener: (event: PushedEvent) => void): () => void;
}

/** What a transport (IPC or HTTP) needs from the console service. */
export interface ConsoleTransportTarget {
  /** Validates `rawInput` against the method's schema and runs it. Throws ApiError. */
  invoke(method: string, rawInput: unknown, call?: CallEnvelope): Promise<unknown>;
  /**
   * `ended`: the console behind this target was closed while the listener was on (a team server let go of an idle
   * person's console): the pushed-event stream should end, so the page reconnects and reloads what it shows.
   */
  onEvent(listener: (event: PushedEvent) => void, ended?: () => void): () => void;
}

export type { MethodDef } from './method';
export type { AreaName } from './areas';
export * from './ipc';
export * from './event-catalogue';
export type { ShopObjectEvent, ShopEventName } from './areas/shop';
export { SHOP_EVENT_NAMES } from './areas/shop';
export type { WebhookChange } from './areas/webhooks';
export type { AuthorizationEvent } from './areas/oauth';
