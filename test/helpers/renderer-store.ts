// A renderer store over a fake console client for unit tests: the client's methods are plain functions
// (it records every call), with a partner and a client session to start from.
import type { MethodName } from '../../src-shared/api/contract';
import { ApiError } from '../../src-shared/api/errors';
import type { Company, SessionInfo, User } from '../../src-shared/api/types';
import type { ConsoleApi } from '../../src-renderer/state/slice-context';

export type Handler = (input: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A console client whose methods are plain functions; records every call. */
export function fakeClient(handlers: Partial<Record<MethodName, Handler>>) {
  const calls: { method: MethodName; input: unknown; acting: number | null }[] = [];
  let acting: number | null = null;
  return {
    calls,
    count: (method: MethodName) => calls.filter((c) => c.method === method).length,
    client: {
      setActing(next: number | null) {
        acting = next;
      },
      acting: () => acting,
      async call(method: MethodName, input: unknown) {
        calls.push({ method, input, acting });
        const handler = handlers[method];
        if (!handler) throw new ApiError('unknown_method', `no fake for ${method}`);
        return handler(input);
      },
    } as unknown as ConsoleApi,
  };
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 10));

export const company = (id: number, extra: Partial<Company> = {}): Company => ({
  id,
  name: `Company ${id}`,
  email: '',
  phone: '',
  street: '',
  city: '',
  postalCode: '',
  country: 'DE',
  vatId: null,
  token: null,
  isSample: false,
  isDevelopment: false,
  paymentRoute: 'direct',
  isPartner: false,
  partnerId: 1,
  partnerName: 'Partner',
  adminDomain: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...extra,
});
export const partner = company(1, { isPartner: true, partnerId: null, partnerName: null, name: 'Partner' });
export const user: User = { id: 10, companyId: 1, email: 'p@x.example', name: 'Pat', permissions: ['clients', 'settings', 'users'], isAdmin: true, isOperator: false, createdAt: partner.createdAt };
export const selfSession: SessionInfo = { user, home: partner, acting: partner, isSelf: true, permissions: user.permissions, storeAvailable: false, recentCompanyIds: [], isOperator: false, brand: null, canMoveClock: true };
export const clientSession = (id: number): SessionInfo => ({ ...selfSession, acting: company(id), isSelf: false, storeAvailable: true, recentCompanyIds: [id] });

export const baseHandlers: Partial<Record<MethodName, Handler>> = {
  'session.get': () => selfSession,
  'session.switcher': () => [],
  'session.signInCandidates': () => [],
  'app.info': () => ({ version: '0', dataDir: '/d', host: 'browser', secretStore: { kind: 'key-file', warning: null }, platformUrl: null, clockNow: '' }),
  'outbox.list': () => [],
  'partnerRequests.list': () => [],
};

