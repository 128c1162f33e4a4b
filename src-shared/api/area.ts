// What a feature area contributes to the shared contract: its console methods and its events (VS Code's
// `*.contribution.ts` is the model). The list of areas is ./areas/index.ts; contract.ts and event-catalogue.ts merge
// the areas into the one method map and the one event catalogue, so a method or an event exists once.
import type { z } from 'zod';
import type { EventDef } from './event';
import type { MethodDef } from './method';

export type MethodMap = Readonly<Record<string, MethodDef<z.ZodTypeAny, unknown>>>;
export type EventMap = Readonly<Record<string, EventDef>>;

export interface SharedArea<N extends string = string, M extends MethodMap = MethodMap, E extends EventMap = EventMap> {
  /** The area's name; the main and renderer manifests of the same area use it too. */
  readonly name: N;
  readonly methods: M;
  readonly events: E;
}

export function defineSharedArea<const N extends string, M extends MethodMap, E extends EventMap>(area: SharedArea<N, M, E>): SharedArea<N, M, E> {
  return area;
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
