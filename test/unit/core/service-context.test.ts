import { afterEach, describe, expect, it } from 'vitest';
import { openTestPlatform } from '../../helpers/platform';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

function setup() {
  const platform = openTestPlatform('none');
  open.push(platform);
  platform.db.exec('CREATE TABLE side_effects (note TEXT NOT NULL) STRICT');
  const count = () => platform.db.prepare('SELECT count(*) FROM side_effects').pluck().get() as number;
  return { platform, count };
}

describe('transactional outbox hook (onEmitInTransaction)', () => {
  it('runs inside the transaction: its writes commit with the change and the event is published after', () => {
    const { platform, count } = setup();
    const seen: string[] = [];
    platform.ctx.onEmitInTransaction((name) => {
      expect(platform.db.inTransaction).toBe(true);
      platform.db.prepare('INSERT INTO side_effects (note) VALUES (?)').run(name);
      seen.push(`tx:${name}`);
    });
    platform.events.subscribe(({ name }) => seen.push(`bus:${name}`));
    platform.ctx.transact((emit) => emit('product.created', { companyId: 1, id: 7 }));
    expect(count()).toBe(1);
    expect(seen).toEqual(['tx:product.created', 'bus:product.created']);
  });

  it('rolls back with the change, and nobody hears of a change that was rolled back', () => {
    const { platform, count } = setup();
    const published: string[] = [];
    platform.ctx.onEmitInTransaction(() => void platform.db.prepare('INSERT INTO side_effects (note) VALUES (?)').run('x'));
    platform.events.subscribe(({ name }) => published.push(name));
    expect(() =>
      platform.ctx.transact((emit) => {
        emit('order.created', { companyId: 1, id: 1 });
        throw new Error('the change failed after emitting');
      }),
    ).toThrow('the change failed');
    expect(count()).toBe(0);
    expect(published).toEqual([]);
  });

  it('a listener that throws rolls the change back; an unsubscribed listener no longer runs', () => {
    const { platform, count } = setup();
    const off = platform.ctx.onEmitInTransaction(() => {
      throw new Error('outbox write failed');
    });
    expect(() =>
      platform.ctx.transact((emit) => {
        platform.db.prepare('INSERT INTO side_effects (note) VALUES (?)').run('change');
        emit('customer.created', { companyId: 1, id: 2 });
      }),
    ).toThrow('outbox write failed');
    expect(count()).toBe(0);
    off();
    platform.ctx.transact((emit) => {
      platform.db.prepare('INSERT INTO side_effects (note) VALUES (?)').run('change');
      emit('customer.created', { companyId: 1, id: 2 });
    });
    expect(count()).toBe(1);
  });
});
