// How an event is declared: its payload type (phantom) and who hears it. Each area declares its events beside
// its methods (./areas/<area>.ts); ./event-catalogue.ts merges them into the one catalogue. Zod-free, like ./ipc.ts.
//
// - `pushed`:  the platform publishes it on its bus (after the commit) and the console pushes it to the renderer;
// - `console`: the console service pushes it itself (the session), never on the platform's bus.
// (An event only the main process should hear would be a third kind; none exists yet.)
export type EventKind = 'pushed' | 'console';

export interface EventDef<P = unknown, K extends EventKind = EventKind> {
  readonly kind: K;
  /** Never read at run time; carries the payload type. */
  readonly payload?: P;
}

/** `event<Payload>()('pushed')`. */
export function event<P>() {
  return <K extends EventKind>(kind: K): EventDef<P, K> => ({ kind });
}
