// The console service: the one API the renderer uses (src-shared/api/contract.ts), whatever carries it
// (Electron IPC or the browser host). It holds the console session (signed-in user, acting company,
// recent companies), validates every input at the boundary and maps each method onto the platform core.
import {
  isMethodName,
  methods,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  type ConsoleTransportTarget,
  type PushedEvent,
} from '../../src-shared/api/contract';
import { ApiError } from '../../src-shared/api/errors';
import type { SessionInfo, SwitcherEntry } from '../../src-shared/api/types';
import { parseInput } from '../../src-shared/api/validation';
import { OPERATOR, permissionsOf, type Actor } from '../core/access';
import { toCompany, toUser } from '../core/mappers';
import { hashPassword } from '../core/passwords';
import type { Platform } from '../core/platform';
import type { UserRow } from '../core/repositories/users-repository';
import { DEMO_PARTNER_EMAIL } from '../core/seed/demo-seed';
import type { Prefs } from './prefs';
import { APP_VERSION } from './version';

export interface ConsoleService extends ConsoleTransportTarget {
  /** Runs a method with an already typed input (used by tests and the CLI). */
  call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>>;
  close(): void;
}

export interface ConsoleServiceOptions {
  platform: Platform;
  prefs: Prefs;
  host: 'electron' | 'browser';
  platformUrl?: string | null;
}

const RECENT_LIMIT = 8;

type Handlers = { [M in MethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> };

export function createConsoleService(options: ConsoleServiceOptions): ConsoleService {
  const { platform, prefs } = options;
  const { repos } = platform;
  const listeners = new Set<(event: PushedEvent) => void>();

  let userId: number | null = pickInitialUser();
  let actingId: number | null = null;
  if (userId !== null) actingId = pickInitialCompany(userId);

  function pickInitialUser(): number | null {
    const last = prefs.get('lastUserId');
    if (last !== null && repos.users.get(last)) return last;
    const demo = repos.users.findByEmail(DEMO_PARTNER_EMAIL);
    if (demo) return demo.id;
    const users = repos.users.listAllWithCompany();
    const first = users.find((u) => u.is_admin === 1) ?? users[0];
    return first?.id ?? null;
  }

  function pickInitialCompany(forUser: number): number {
    const user = repos.users.get(forUser)!;
    const last = prefs.get('lastCompanyId');
    if (last !== null && platform.repos.companies.get(last) && canSee(user, last)) return last;
    return user.company_id;
  }

  function canSee(user: UserRow, companyId: number): boolean {
    const company = repos.companies.get(companyId);
    return !!company && (company.id === user.company_id || company.partner_id === user.company_id);
  }

  function currentUser(): UserRow {
    const user = userId === null ? undefined : repos.users.get(userId);
    if (!user) throw new ApiError('unauthorized', 'Nobody is signed in to the console. Create a partner account or sign in as a user.');
    return user;
  }

  function actor(): Actor {
    return { kind: 'user', user: currentUser() };
  }

  function actingCompanyId(): number {
    const user = currentUser();
    if (actingId === null || !canSee(user, actingId)) actingId = user.company_id;
    return actingId;
  }

  function requireSelf(what: string): void {
    const user = currentUser();
    if (actingCompanyId() !== user.company_id) throw new ApiError('forbidden', `${what} is a partner function: switch back to Self first.`);
  }

  /** Acting as a client, the console reaches that client only (never another company's data); as Self,
   * whatever the core lets the user see. */
  function requireInScope(companyId: number | null | undefined): void {
    const user = currentUser();
    const acting = actingCompanyId();
    if (acting !== user.company_id && companyId !== acting) {
      throw new ApiError('not_found', `Company ${companyId ?? '?'} is not the company you act as. Switch to it, or back to Self.`, { companyId });
    }
  }

  function requireActingAs(companyId: number, what: string): void {
    if (actingCompanyId() !== companyId) {
      throw new ApiError('forbidden', `${what} works inside the company you act as. Switch to company ${companyId} first.`, { companyId });
    }
  }

  function session(): SessionInfo {
    const user = userId === null ? undefined : repos.users.get(userId);
    if (!user) {
      return { user: null, home: null, acting: null, isSelf: true, permissions: [], storeAvailable: false, recentCompanyIds: [] };
    }
    const home = repos.companies.get(user.company_id)!;
    const acting = repos.companies.get(actingCompanyId())!;
    return {
      user: toUser(user),
      home: toCompany(home),
      acting: toCompany(acting),
      isSelf: acting.id === home.id,
      permissions: permissionsOf(user),
      storeAvailable: acting.is_partner === 0,
      recentCompanyIds: prefs.get('recentCompanyIds').filter((id) => canSee(user, id)),
    };
  }

  function emit(event: PushedEvent): void {
    for (const listener of [...listeners]) listener(event);
  }

  function switchTo(companyId: number | null): SessionInfo {
    const user = currentUser();
    const target = companyId ?? user.company_id;
    if (!canSee(user, target)) throw new ApiError('not_found', `Company ${target} was not found among your clients.`, { companyId: target });
    actingId = target;
    prefs.set('lastCompanyId', target);
    if (target !== user.company_id) {
      prefs.set('recentCompanyIds', [target, ...prefs.get('recentCompanyIds').filter((id) => id !== target)].slice(0, RECENT_LIMIT));
    }
    const info = session();
    emit({ name: 'session.changed', payload: info });
    return info;
  }

  function signIn(id: number): SessionInfo {
    const user = repos.users.get(id);
    if (!user) throw new ApiError('not_found', `User ${id} was not found.`);
    userId = user.id;
    actingId = user.company_id;
    prefs.set('lastUserId', user.id);
    prefs.set('lastCompanyId', user.company_id);
    prefs.set('recentCompanyIds', []);
    const info = session();
    emit({ name: 'session.changed', payload: info });
    return info;
  }

  const handlers: Handlers = {
    'app.info': () => ({
      version: APP_VERSION,
      dataDir: platform.dataDir,
      host: options.host,
      secretStore: { kind: platform.secrets.kind, warning: platform.secrets.warning },
      platformUrl: options.platformUrl ?? null,
      clockNow: platform.clock.nowIso(),
    }),

    'session.get': () => session(),
    'session.switch': ({ companyId }) => switchTo(companyId),
    'session.signInCandidates': () =>
      repos.users.listAllWithCompany().map((u) => ({
        userId: u.id,
        email: u.email,
        name: u.name,
        companyId: u.company_id,
        companyName: u.company_name,
        companyIsPartner: u.company_is_partner === 1,
      })),
    'session.signIn': ({ userId: id }) => signIn(id),
    'session.switcher': () => {
      const user = currentUser();
      const home = repos.companies.get(user.company_id)!;
      const self: SwitcherEntry = {
        id: home.id, name: home.name, isSelf: true, isSample: home.is_sample === 1, paymentRoute: home.payment_route, city: home.city, country: home.country,
      };
      if (!home.is_partner) return [self];
      const clients = repos.companies.listClients({ partnerId: home.id, search: '', route: 'any', sample: 'any', sort: 'name', direction: 'asc' });
      const recent = prefs.get('recentCompanyIds');
      const rank = (id: number) => {
        const index = recent.indexOf(id);
        return index === -1 ? Number.MAX_SAFE_INTEGER : index;
      };
      const entries = clients.map((c) => ({
        id: c.id, name: c.name, isSelf: false, isSample: c.is_sample === 1, paymentRoute: c.payment_route, city: c.city, country: c.country,
      }));
      // Stable sort: recently used first (most recent on top), then the rest by name.
      entries.sort((a, b) => rank(a.id) - rank(b.id));
      return [self, ...entries];
    },
    'setup.createPartner': (input) => {
      if (repos.users.count() > 0) {
        throw new ApiError('conflict', 'This data folder already has users: sign in as one of them (Switch user…).');
      }
      if (repos.users.findByEmail(input.email)) throw ApiError.validation({ email: ['is already used by another user'] });
      const company = platform.companies.create(
        OPERATOR,
        { name: input.companyName, country: input.country, email: input.email, phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true },
        { isPartner: true },
      );
      const user = platform.users.create(
        OPERATOR,
        { companyId: company.id, email: input.email, name: input.userName, password: input.password, permissions: [], isAdmin: true, sendWelcomeEmail: false },
        { passwordHash: hashPassword(input.password) },
      );
      return signIn(user.id);
    },

    'companies.list': (input) => {
      requireSelf('The list of client companies');
      return platform.companies.listClients(actor(), input);
    },
    'companies.get': ({ companyId }) => {
      requireInScope(companyId);
      return platform.companies.get(actor(), companyId);
    },
    'companies.create': (input) => {
      requireSelf('Creating a client company');
      return platform.companies.create(actor(), input);
    },
    'companies.update': (input) => {
      requireInScope(input.companyId);
      return platform.companies.update(actor(), input);
    },
    'companies.endRelation': ({ companyId }) => {
      requireInScope(companyId);
      const result = platform.companies.endRelation(actor(), companyId);
      // The partner no longer sees the company: if it was acting as it, it is back to Self.
      if (actingId === companyId && !canSee(currentUser(), companyId)) switchTo(null);
      return result;
    },

    'users.list': ({ companyId }) => {
      requireInScope(companyId);
      return platform.users.list(actor(), companyId);
    },
    'users.create': (input) => {
      requireInScope(input.companyId);
      return platform.users.create(actor(), input);
    },
    'users.update': (input) => {
      requireInScope(repos.users.get(input.userId)?.company_id);
      return platform.users.update(actor(), input);
    },
    'users.delete': ({ userId: id }) => {
      requireInScope(repos.users.get(id)?.company_id);
      platform.users.delete(actor(), id);
      return { deleted: true as const };
    },

    'shop.getSettings': ({ companyId }) => {
      const result = platform.shop.getSettings(actor(), companyId);
      requireActingAs(companyId, 'The shop');
      return result;
    },
    'shop.updateSettings': (input) => {
      requireActingAs(input.companyId, 'The shop');
      return platform.shop.updateSettings(actor(), input);
    },

    'partners.directory': ({ search }) => platform.partnerRequests.directory(search),
    'partnerRequests.list': () => platform.partnerRequests.list(actor(), actingCompanyId()),
    'partnerRequests.create': (input) => platform.partnerRequests.create(actor(), input),
    'partnerRequests.decide': ({ requestId, decision }) => {
      requireSelf('Deciding on a partner request');
      return platform.partnerRequests.decide(actor(), requestId, decision);
    },
    'partnerRequests.cancel': ({ requestId }) => {
      requireInScope(repos.partnerRequests.get(requestId)?.company_id);
      return platform.partnerRequests.cancel(actor(), requestId);
    },

    // As Self a partner sees its own mail and its clients'; acting as a client, only that client's.
    'outbox.list': ({ limit }) => {
      const acting = actingCompanyId();
      return platform.outbox.list(actor(), limit, acting === currentUser().company_id ? undefined : acting);
    },
    'outbox.markRead': ({ messageId }) => {
      requireInScope(repos.outbox.get(messageId)?.company_id);
      return platform.outbox.markRead(actor(), messageId);
    },
  };

  const unsubscribe = platform.events.subscribe((name, payload) => {
    emit({ name, payload } as PushedEvent);
  });

  async function invoke(method: string, rawInput: unknown): Promise<unknown> {
    if (!isMethodName(method)) throw new ApiError('unknown_method', `There is no console method "${method}".`);
    const input = parseInput(methods[method].input, rawInput);
    try {
      return (handlers[method] as (input: unknown) => unknown)(input);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      console.error(`console method ${method} failed:`, error);
      throw new ApiError('internal', `${method} failed unexpectedly: ${(error as Error).message ?? String(error)}`);
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
      unsubscribe();
      listeners.clear();
    },
  };
}
