// What a feature area contributes to the shared contract: its console methods, its events and the kinds of email it
// queues to the outbox (VS Code's
// `*.contribution.ts` is the model). The list of areas is ./areas/index.ts; contract.ts and event-catalogue.ts merge
// the areas into the one method map and the one event catalogue, so a method or an event exists once.
import type { z } from 'zod';
import type { Permission } from '../domain/permissions';
import type { EventDef } from './event';
import type { MethodDef } from './method';

export type MethodMap = Readonly<Record<string, MethodDef<z.ZodTypeAny, unknown>>>;
export type EventMap = Readonly<Record<string, EventDef>>;
/** Email kinds (noun.verb) and the permissions that let a user read one (src-shared/domain/email-kinds.ts). */
export type EmailKindMap = Readonly<Record<string, readonly Permission[]>>;

export interface SharedArea<N extends string = string, M extends MethodMap = MethodMap, E extends EventMap = EventMap, K extends EmailKindMap = EmailKindMap> {
  /** The area's name; the main and renderer manifests of the same area use it too. */
  readonly name: N;
  readonly methods: M;
  readonly events: E;
  /** The kinds of email the area queues to the outbox, each with who may read it (a user holding one of those
   * permissions; the addressee and administrators always). The outbox service takes only declared kinds. */
  readonly emailKinds: K;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an area without email kinds contributes none
export function defineSharedArea<const N extends string, M extends MethodMap, E extends EventMap, const K extends EmailKindMap = {}>(area: {
  name: N;
  methods: M;
  events: E;
  emailKinds?: K;
}): SharedArea<N, M, E, K> {
  return { ...area, emailKinds: area.emailKinds ?? ({} as K) };
}

/** `A | B | C` -> `A & B & C`. */
export type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Flattens an intersection of object types into one object type (readable in errors and hovers). */
export type Merged<T> = { [K in keyof T]: T[K] } & {};

/**
 * Merges one part (methods, events, ...) of every area into one object, refusing a name that two areas
 * declare. The result type is the intersection of the parts.
 */
export function mergeParts<A extends readonly ({ readonly name: string } & Record<K, object>)[], K extends string>(
  areas: A,
  part: K,
): Merged<UnionToIntersection<A[number][K]>> {
  const merged: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const area of areas) {
    for (const [key, value] of Object.entries(area[part] as Record<string, unknown>)) {
      const first = owner.get(key);
      if (first !== undefined) throw new Error(`"${key}" is declared by two areas: ${first} and ${area.name}`);
      owner.set(key, area.name);
      merged[key] = value;
    }
  }
  return merged as Merged<UnionToIntersection<A[number][K]>>;
}
