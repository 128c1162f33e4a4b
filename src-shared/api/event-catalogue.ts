// The one event catalogue: every event of every area (./areas/<area>.ts declares them beside its methods),
// named noun.verb. The platform's bus carries the `pushed` ones (PlatformEvents, after the commit); the console
// pushes those and its own `console` ones (the session) to the renderer (ConsoleEvents). Both maps are derived
// from the one catalogue, so forwarding a platform event to the renderer needs no cast.
import { mergeParts } from './area';
import { SHARED_AREAS } from './areas';
import type { EventDef, EventKind } from './event';

export const EVENTS = mergeParts(SHARED_AREAS, 'events');
type Catalogue = typeof EVENTS;

type PayloadOf<D> = D extends EventDef<infer P, EventKind> ? P : never;
type EventsOfKind<K extends EventKind> = {
  [E in keyof Catalogue as Catalogue[E] extends EventDef<unknown, K> ? E : never]: PayloadOf<Catalogue[E]>;
};

/** Events on the platform's in-process bus (src-main/core/events.ts). */
export type PlatformEvents = EventsOfKind<'pushed'>;
export type PlatformEventName = keyof PlatformEvents;
/** One event on the bus as a discriminated union: narrowing on `name` narrows `payload`. */
export type PlatformEvent<E extends PlatformEventName = PlatformEventName> = { [K in E]: { name: K; payload: PlatformEvents[K] } }[E];

/** Events the console pushes to the renderer: the platform's `pushed` events and the console's own. */
export type ConsoleEvents = EventsOfKind<'pushed' | 'console'>;
export type EventName = keyof ConsoleEvents;

export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
