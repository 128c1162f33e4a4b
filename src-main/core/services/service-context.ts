// What every service receives: the repositories, the clock, ids, the event bus and the access checker,
// plus `transact`, which runs a unit of work in one SQLite transaction and publishes its events only
// after the commit (so nobody hears of a change that was rolled back).
import type { AccessChecker } from '../access';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { EventBus, PlatformEventName, PlatformEvents } from '../events';
import type { Ids } from '../ids';
import type { AuditRepository } from '../repositories/audit-repository';
import type { CompaniesRepository } from '../repositories/companies-repository';
import type { OutboxRepository } from '../repositories/outbox-repository';
import type { PartnerRequestsRepository } from '../repositories/partner-requests-repository';
import type { SettingsRepository } from '../repositories/settings-repository';
import type { ShopSettingsRepository } from '../repositories/shop-settings-repository';
import type { UsersRepository } from '../repositories/users-repository';

export interface Repositories {
  settings: SettingsRepository;
  companies: CompaniesRepository;
  users: UsersRepository;
  partnerRequests: PartnerRequestsRepository;
  shopSettings: ShopSettingsRepository;
  outbox: OutboxRepository;
  audit: AuditRepository;
}

export type Emit = <E extends PlatformEventName>(name: E, payload: PlatformEvents[E]) => void;

export interface ServiceContext {
  db: Db;
  clock: Clock;
  ids: Ids;
  events: EventBus;
  repos: Repositories;
  access: AccessChecker;
  transact<T>(work: (emit: Emit) => T): T;
}

export function createServiceContext(parts: Omit<ServiceContext, 'transact'>): ServiceContext {
  return {
    ...parts,
    transact<T>(work: (emit: Emit) => T): T {
      const pending: [PlatformEventName, PlatformEvents[PlatformEventName]][] = [];
      const emit: Emit = (name, payload) => void pending.push([name, payload]);
      const result = parts.db.transaction(() => work(emit))();
      for (const [name, payload] of pending) parts.events.publish(name, payload as never);
      return result;
    },
  };
}
