// The platform's in-process event bus. Services publish after their transaction commits; the console
// forwards events to the renderer, later issues hang webhooks and schedulers on it. Events are noun.verb.
export interface PlatformEvents {
  'company.created': { companyId: number };
  'company.updated': { companyId: number };
  'user.changed': { companyId: number; userId: number };
  'partner_request.changed': { requestId: number };
  'outbox.added': { messageId: number };
  'shop.updated': { companyId: number };
}

export type PlatformEventName = keyof PlatformEvents;

type Listener = (name: PlatformEventName, payload: PlatformEvents[PlatformEventName]) => void;

export interface EventBus {
  publish<E extends PlatformEventName>(name: E, payload: PlatformEvents[E]): void;
  /** Subscribes to every event; returns an unsubscribe function. */
  subscribe(listener: Listener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<Listener>();
  return {
    publish(name, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(name, payload);
        } catch (error) {
          // A failing subscriber must not break the action that published the event.
          console.error(`event listener for ${name} failed:`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
