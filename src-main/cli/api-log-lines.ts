// How the terminal shows API request log entries (`partnerdeck logs tail`, and `app dev`'s live tail): one line
// per request — time, status, latency, method and path, app and company, error code — and, under it, any mark
// (a local-only convenience and what the hosted platform would do, a strict-mode refusal, an OAuth chaos action).
import type { ApiRequestEntry, ApiRequestNote } from '../../src-shared/api/devtools-types';
import type { Paint } from './cli-io';

const NOTE_LABELS: Record<ApiRequestNote['kind'], string> = { local_only: 'local-only', refused_strict: 'refused (strict)', chaos: 'chaos', grace: 'grace period' };

export function formatApiRequest(entry: ApiRequestEntry, p: Paint): string[] {
  const time = entry.at.slice(11, 23);
  const status = entry.status >= 500 ? p.red(String(entry.status)) : entry.status >= 400 ? p.red(String(entry.status)) : p.green(String(entry.status));
  const who = [entry.appName ? `app ${entry.appName} (${entry.appId})` : entry.appId ? `app ${entry.appId}` : null, entry.companyId ? `company ${entry.companyName ?? ''} (${entry.companyId})`.replace('  ', ' ') : null]
    .filter((part): part is string => part !== null)
    .join(', ');
  const line = `${p.dim(time)}  ${status}  ${String(entry.durationMs.toFixed(1)).padStart(7)} ms  ${entry.method.padEnd(6)} ${entry.path}${who ? p.dim(`  ${who}`) : ''}${entry.errorCode ? `  ${p.red(entry.errorCode)}` : ''}`;
  const marks = entry.notes.map((note) => {
    const label = NOTE_LABELS[note.kind];
    return `    ${p.cyan(`↳ ${label}: ${note.feature.replace(/_/g, ' ')}`)} ${p.dim(`— ${note.detail}`)}`;
  });
  return [line, ...marks];
}
