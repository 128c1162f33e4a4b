// A value a component loads for itself (a price quote, the themes a listing may sell), with the store's
// latest-answer-wins rule (keyed-loader.ts): when its inputs change, only the newest request's answer is
// shown, and nothing is written after the component is gone.
import { useEffect, useState, type DependencyList } from 'react';
import { createKeyedLoader } from './keyed-loader';
import { idle, type Loadable } from './loadable';

/** Loads `run` whenever `deps` change (nothing while it is null); a new input starts from nothing. */
export function useLatestLoad<T>(run: (() => Promise<T>) | null, deps: DependencyList): Loadable<T> {
  const [loader] = useState(createKeyedLoader);
  const [value, setValue] = useState<Loadable<T>>(idle);
  useEffect(() => {
    if (!run) {
      setValue(idle());
      return;
    }
    let current: Loadable<T> = idle();
    void loader.load('value', { get: () => current, set: (next) => setValue((current = next)) }, run, { fresh: true });
    // Whatever is still on its way belongs to inputs that are gone.
    return () => void loader.begin('value');
    // `run` is described by `deps`.
  }, deps);
  return value;
}
