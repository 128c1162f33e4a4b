// The one event catalogue (src-shared/api/event-catalogue.ts): merged from the areas, named noun.verb, and the console's
// pushed events are the platform's events plus the console's own.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { mergeParts } from '../../../../src-shared/api/area';
import { SHARED_AREAS } from '../../../../src-shared/api/areas';
import { EVENT_NAMES, EVENTS, type ConsoleEvents, type PlatformEvents } from '../../../../src-shared/api/event-catalogue';

describe('event catalogue', () => {
  it('holds every area\'s events once, each named noun.verb', () => {
    const declared = SHARED_AREAS.flatMap((area) => Object.keys(area.events));
    expect(EVENT_NAMES).toEqual(declared);
    expect(new Set(declared).size).toBe(declared.length);
    for (const name of EVENT_NAMES) expect(name).toMatch(/^[a-z_]+\.[a-zA-Z_]+$/);
  });

  it('keeps console-only events off the platform bus', () => {
    expect(EVENTS['session.changed'].kind).toBe('console');
    expect(EVENTS['order.created'].kind).toBe('pushed');
    expectTypeOf<'session.changed'>().not.toMatchTypeOf<keyof PlatformEvents>();
    expectTypeOf<keyof PlatformEvents>().toMatchTypeOf<keyof ConsoleEvents>();
    expectTypeOf<PlatformEvents['order.created']>().toEqualTypeOf<ConsoleEvents['order.created']>();
  });

  it('refuses a name two areas declare', () => {
    const a = { name: 'a', events: { 'x.created': 1 } };
    const b = { name: 'b', events: { 'x.created': 2 } };
    expect(() => mergeParts([a, b], 'events')).toThrow('"x.created" is declared by two areas: a and b');
  });
});
