// The console service: the one API the renderer uses (src-shared/api/contract.ts), whatever carries it
// (Electron IPC or the browser host). It validates every input at the boundary and runs the method's
// handler. The session and its guards live in console-context.ts; the handlers, one group per area, in
// handlers/, given by the areas (src-main/areas.ts, where a method of the contract without a handler is a
// type error; here it is refused when the service is made).
import { logFor } from '../core/logging/logger';
import {
  isMethodName,
  METHOD_NAMES,
  methods,
  type MethodName,
  type MethodOutput,
  type CallEnvelope,
  type ConsoleTransportTarget,
  type PushedEvent,
} from '../../src-shared/api/contract';
import { ApiError } from '../../src-shared/api/errors';
import { parseInput } from '../../src-shared/api/validation';
import { toApiError } from '../core/errors';
import { createConsoleContext, type ConsoleContext, type ConsoleServiceOptions, type Handlers } from './console-context';

export type { ConsoleServiceOptions } from './console-context';

export interface ConsoleService extends ConsoleTransportTarget {
  /** Runs a method with an already typed input (used by tests and the CLI). */
  call<M extends MethodName>(method: M, input: unknown, call?: CallEnvelope): Promise<MethodOutput<M>>;
  close(): void;
}

const logUnexpected = (message: string, error: unknown): void => logFor('console').error(message, error);

/** The handlers of one area's methods, made for one console. */
export type HandlerFactory = (ctx: ConsoleContext) => Partial<Handlers>;

export function createConsoleService(options: ConsoleServiceOptions, handlerFactories: readonly HandlerFactory[]): ConsoleService {
  const listeners = new Set<(event: PushedEvent) => void>();
  const emit = (event: PushedEvent): void => {
    // Another user or company: an app opened for the previous one must not stay on screen.
    if (event.name === 'session.changed') options.embedViews?.close(null);
    for (const listener of [...listeners]) listener(event);
  };
  const ctx = createConsoleContext(options, emit);

  const handlers = mergeHandlers(handlerFactories.map((make) => make(ctx)));

  // Every platform event is a pushed event (PlatformEvents is a subset of ConsoleEvents in the one catalogue).
  const unsubscribe = options.platform.events.subscribe(emit);

  async function invoke(method: string, rawInput: unknown, call: CallEnvelope = {}): Promise<unknown> {
    if (!isMethodName(method)) throw new ApiError('unknown_method', `There is no console method "${method}".`);
    const input = parseInput(methods[method].input, rawInput);
    try {
      // The call's acting company (its window's), checked by the context's guards for this call only.
      return await ctx.runAs(call.acting, () => (handlers[method] as (input: unknown) => unknown)(input));
    } catch (error) {
      throw toApiError(error, { what: method, log: logUnexpected });
    }
  }

  return {
    invoke,
    call: (method, input, envelope) => invoke(method, input, envelope) as Promise<MethodOutput<typeof method>>,
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

/** One handler per method: refuses a method handled twice or not at all. */
function mergeHandlers(groups: readonly Partial<Handlers>[]): Handlers {
  const merged: Partial<Record<MethodName, unknown>> = {};
  for (const group of groups) {
    for (const [method, handler] of Object.entries(group) as [MethodName, unknown][]) {
      if (merged[method]) throw new Error(`console method ${method} has two handlers`);
      merged[method] = handler;
    }
  }
  const missing = METHOD_NAMES.filter((method) => !merged[method]);
  if (missing.length > 0) throw new Error(`console methods without a handler: ${missing.join(', ')}`);
  return merged as Handlers;
}
