// The webhook address policy (issue 16 M1, rules in webhooks/webhook-address-guard.ts): our own servers' ports
// and the private ranges the platform operator allows webhooks into. The ranges are stored in the settings
// table under one key; only the operator changes them (the CLI's `webhooks private-networks`, or a user with
// the operator role in the console's Webhooks screen), each change in one transaction with its audit entry
// (`webhooks.private_networks_changed`, from → to). Everyone reads the current policy: registration checks it,
// and the dispatcher reads it before each batch of attempts and hands it to its worker (another process's
// change applies within a batch).
import type { PrivateNetworksView } from '../../../src-shared/api/webhook-delivery-types';
import { ApiError } from '../../../src-shared/api/errors';
import { actorLabel, type Actor } from '../access';
import { rememberedPorts } from '../server/port-memory';
import { ALLOWABLE_PRIVATE_RANGES, normalizeAllowedRange, portOfOrigin, type AddressPolicy, type OwnPort } from '../webhooks/webhook-address-guard';
import type { ServiceContext } from './service-context';

export const PRIVATE_NETWORKS_SETTING_KEY = 'webhooks.allowed_private_ranges';

export const PRIVATE_NETWORKS_OPERATOR_ONLY =
  'Private networks for webhooks are allowed by the platform operator (a user with the operator role on the Webhooks screen, or `partnerdeck webhooks private-networks --allow CIDR`).';

export interface PrivateNetworksChange {
  allow: string[];
  disallow: string[];
}

export interface WebhookNetworkSettings {
  /** The allowed private ranges (CIDR), in the order they were allowed. */
  allowedRanges(): string[];
  /** What the address guard needs now: own ports and the allowed ranges. */
  policy(): AddressPolicy;
  view(): PrivateNetworksView;
  /**
   * Operator only. Adds `allow` and removes `disallow` (each a CIDR range or one address inside a private range);
   * a bad entry is a field error naming it and nothing is written. Audit-logged. Returns the new view.
   */
  change(actor: Actor, change: PrivateNetworksChange): PrivateNetworksView;
}

/**
 * Our own servers' ports: this process's platform server (its public URL), and what the folder's servers remember
 * in ports.json (a serve or a browser-mode console of another process on the same folder), read at most once a second.
 */
export function ownPortsOf(dataDir: string, publicUrl: () => string): () => OwnPort[] {
  let remembered: { at: number; ports: OwnPort[] } = { at: -Infinity, ports: [] };
  let parsedUrl: { url: string | null; port: number | null } = { url: null, port: null };
  return () => {
    if (performance.now() - remembered.at > 1000) {
      const ports = rememberedPorts(dataDir);
      remembered = {
        at: performance.now(),
        ports: [
          ...(ports.platform ? [{ port: ports.platform, name: 'the platform server' }] : []),
          ...(ports.console ? [{ port: ports.console, name: 'the console' }] : []),
        ],
      };
    }
    // The public URL rarely changes: its port is parsed again only when it does (the dispatcher asks per batch).
    const url = publicUrl();
    if (url !== parsedUrl.url) parsedUrl = { url, port: portOfOrigin(url) };
    const own = parsedUrl.port;
    return own === null ? remembered.ports : [{ port: own, name: 'the platform server' }, ...remembered.ports.filter((p) => p.port !== own)];
  };
}

export function createWebhookNetworkSettings(ctx: ServiceContext, ownPorts: () => OwnPort[]): WebhookNetworkSettings {
  const { settings, audit } = ctx.repos;

  const allowedRanges = (): string[] => {
    const raw = settings.get(PRIVATE_NETWORKS_SETTING_KEY);
    if (!raw) return [];
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (!Array.isArray(parsed)) return [];
      // A stored entry that no longer passes (edited by hand) is dropped: deny by default.
      return parsed.flatMap((entry) => {
        if (typeof entry !== 'string') return [];
        const normalized = normalizeAllowedRange(entry);
        return 'range' in normalized ? [normalized.range] : [];
      });
    } catch {
      return [];
    }
  };

  const view = (): PrivateNetworksView => ({ allowedRanges: allowedRanges(), allowableRanges: [...ALLOWABLE_PRIVATE_RANGES] });

  return {
    allowedRanges,
    policy: () => ({ ownPorts: ownPorts(), allowedRanges: allowedRanges() }),
    view,
    change(actor, { allow, disallow }) {
      if (actor.kind !== 'operator') throw new ApiError('forbidden', PRIVATE_NETWORKS_OPERATOR_ONLY, { reason: 'operator_only' });
      const problems: Record<string, string[]> = {};
      const normalize = (field: 'allow' | 'disallow', entries: string[]) =>
        entries.flatMap((entry) => {
          const normalized = normalizeAllowedRange(entry);
          if ('problem' in normalized) {
            (problems[field] ??= []).push(normalized.problem);
            return [];
          }
          return [normalized.range];
        });
      const adding = normalize('allow', allow);
      const removing = normalize('disallow', disallow);
      const both = adding.filter((range) => removing.includes(range));
      if (both.length > 0) (problems.disallow ??= []).push(`${both.join(', ')} is also being allowed: choose one`);
      if (Object.keys(problems).length > 0) throw ApiError.validation(problems);
      let to: string[] = [];
      ctx.transact(() => {
        const from = allowedRanges();
        const unknown = removing.filter((range) => !from.includes(range));
        if (unknown.length > 0) throw ApiError.validation({ disallow: [`${unknown.join(', ')} is not allowed now (allowed: ${from.length > 0 ? from.join(', ') : 'none'})`] });
        to = [...from.filter((range) => !removing.includes(range)), ...adding.filter((range, i) => !from.includes(range) && adding.indexOf(range) === i)];
        if (to.length === from.length && to.every((range, i) => range === from[i])) return;
        settings.set(PRIVATE_NETWORKS_SETTING_KEY, JSON.stringify(to));
        audit.record({ company_id: null, actor: actorLabel(actor), action: 'webhooks.private_networks_changed', detail: { from, to }, created_at: ctx.clock.now() });
      });
      return view();
    },
  };
}
