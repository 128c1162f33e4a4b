// The console service: the one API the renderer uses (src-shared/api/contract.ts), whatever carries it
// (Electron IPC or the browser host). It validates every input at the boundary and runs the method's
// handler. The session and its guards live in console-context.ts; the handlers, one group per area, in
// handlers/. A method of the contract without a handler is a type error here.
import { logFor } from '../core/logging/logger';
import {
  isMethodName,
  methods,
  type MethodName,
  type MethodOutput,
  type ConsoleTransportTarget,
  type PushedEvent,
} from '../../src-shared/api/contract';
import { ApiError } from '../../src-shared/api/errors';
import { parseInput } from '../../src-shared/api/validation';
import { toApiError } from '../core/errors';
import { createConsoleContext, type ConsoleServiceOptions, type Handlers } from './console-context';
import { billingHandlers } from './handlers/billing-handlers';
import { appStoreHandlers } from './handlers/app-store-handlers';
import { companiesHandlers } from './handlers/companies-handlers';
import { embeddedAppsHandlers } from './handlers/embedded-apps-handlers';
import { oauthHandlers } from './handlers/oauth-handlers';
import { outboxHandlers } from './handlers/outbox-handlers';
import { salesHandlers } from './handlers/sales-handlers';
import { sessionHandlers } from './handlers/session-handlers';
import { shopDataHandlers } from './handlers/shop-data-handlers';
import { shopHandlers } from './handlers/shop-handlers';
import { webhooksHandlers } from './handlers/webhooks-handlers';

export type { ConsoleServiceOptions } from './console-context';

export interface ConsoleService extends ConsoleTransportTarget {
  /** Runs a method with an already typed input (used by tests and the CLI). */
  call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>>;
  close(): void;
}

const logUnexpected = (message: string, error: unknown): void => logFor('console').error(message, error);

export function createConsoleService(options: ConsoleServiceOptions): ConsoleService {
  const listeners = new Set<(event: PushedEvent) => void>();
  const emit = (event: PushedEvent): void => {
    // Another user or company: an app opened for the previous one must not stay on screen.
    if (event.name === 'session.changed') options.embedViews?.close(null);
    for (const listener of [...listeners]) listener(event);
  };
  const ctx = createConsoleContext(options, emit);

  const handlers: Handlers = {
    ...sessionHandlers(ctx),
    ...companiesHandlers(ctx),
    ...shopHandlers(ctx),
    ...shopDataHandlers(ctx),
    ...salesHandlers(ctx),
    ...outboxHandlers(ctx),
    ...oauthHandlers(ctx),
    ...webhooksHandlers(ctx),
    ...embeddedAppsHandlers(ctx),
    ...billingHandlers(ctx),
    ...appStoreHandlers(ctx),
  };

  // Every platform event is a pushed event (PlatformEvents is a subset of ConsoleEvents in the one catalogue).
  const unsubscribe = options.platform.events.subscribe(emit);

  async function invoke(method: string, rawInput: unknown): Promise<unknown> {
    if (!isMethodName(method)) throw new ApiError('unknown_method', `There is no console method "${method}".`);
    const input = parseInput(methods[method].input, rawInput);
    try {
      return await (handlers[method] as (input: unknown) => unknown)(input);
    } catch (error) {
      throw toApiError(error, { what: method, log: logUnexpected });
    }
  }

  return {
    invoke,
    call: (method, input) => invoke(method, input) as Promise<MethodOutput<typeof method>>,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      options.embedViews?.close(null);
      unsubscribe();
      listeners.clear();
    },
  };
}
