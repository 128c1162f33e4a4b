// The platform's in-process event bus. Services publish after their transaction commits; the console
// forwards the pushed ones to the renderer, the webhook dispatcher and the token route listen too. The events
// themselves (names noun.verb, payloads, which are pushed) are the one catalogue of src-shared/api/event-catalogue.ts,
// declared per area.
import { logFor } from './logging/logger';
import type { PlatformEvent, PlatformEventName, PlatformEvents } from '../../src-shared/api/event-catalogue';

export type { PlatformEvent, PlatformEventName, PlatformEvents } from '../../src-shared/api/event-catalogue';

type Listener = (event: PlatformEvent) => void;

export interface EventBus {
  publish<E extends PlatformEventName>(name: E, payload: PlatformEvents[E]): void;
  /** Subscribes to every event; returns an unsubscribe function. Narrow on `event.name` to read the payload. */
  subscribe(listener: Listener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<Listener>();
  return {
    publish(name, payload) {
      // publish's signature pairs the name with its payload; together they are one event of the union.
      const event = { name, payload } as PlatformEvent;
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          // A failing subscriber must not break the action that published the event.
          logFor('events').error(`event listener for ${name} failed`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
