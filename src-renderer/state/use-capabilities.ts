// The session's capabilities as a React hook (recomputed only when the session changes).
import { useMemo } from 'react';
import { capabilitiesOf, type Capabilities } from './capabilities';
import { useApp } from './store-context';

export function useCapabilities(): Capabilities {
  const info = useApp((s) => s.session.info);
  return useMemo(() => capabilitiesOf(info), [info]);
}
