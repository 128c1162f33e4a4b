// White label in the console: the logo of the signed-in user's brand (top left; loaded again when the session's
// brand says the file changed), and a partner's white-label settings (admin domain, CNAME target, logo).
import type { LogoUploadResult, PartnerLogo, WhiteLabel } from '../../src-shared/api/types';
import type { SliceParts } from '../area';
import { createKeyedLoader, type LoadTarget } from './keyed-loader';
import { idle, ready, type Loadable } from './loadable';
import { entryTarget, mutate, patch, type SliceContext } from './slice-context';

export interface BrandingState {
  /** The brand's logo for `version` (the session's brand.logoVersion); null data: the platform's logo. */
  logo: { version: string; value: Loadable<{ logo: PartnerLogo | null }> } | null;
  whiteLabels: Record<number, Loadable<WhiteLabel>>;
}

export interface BrandingActions {
  /** Makes the top-left logo match the session's brand (loads the file once per version). */
  syncBrandLogo(version: string | null): void;
  loadWhiteLabel(companyId: number): Promise<void>;
  uploadLogo(companyId: number, fileName: string, dataBase64: string): Promise<LogoUploadResult>;
  removeLogo(companyId: number): Promise<WhiteLabel>;
  /** Operator: the platform's CNAME target (Platform settings). */
  loadCnameTarget(): Promise<{ cnameTarget: string; isDefault: boolean }>;
  setCnameTarget(cnameTarget: string | null): Promise<{ cnameTarget: string; isDefault: boolean }>;
}

export function createBrandingSlice(ctx: SliceContext): SliceParts<BrandingState, BrandingActions> {
  const loader = createKeyedLoader();
  const put = (label: WhiteLabel) => entryTarget(ctx, 'branding', 'whiteLabels', label.companyId).set(ready(label));

  const actions: BrandingActions = {
    syncBrandLogo(version) {
      const current = ctx.get().branding.logo;
      if (version === null) {
        if (current !== null) patch(ctx, 'branding', { logo: null });
        return;
      }
      if (current?.version === version && current.value.status !== 'error') return;
      const target: LoadTarget<{ logo: PartnerLogo | null }> = {
        get: () => {
          const now = ctx.get().branding.logo;
          return now?.version === version ? now.value : undefined;
        },
        set: (value) => patch(ctx, 'branding', { logo: { version, value } }),
      };
      patch(ctx, 'branding', { logo: { version, value: idle<{ logo: PartnerLogo | null }>() } });
      void loader.load<{ logo: PartnerLogo | null }>('logo', target, () => ctx.client.call('branding.logo', {}));
    },

    loadWhiteLabel: (companyId) =>
      loader.load(`white-label:${companyId}`, entryTarget(ctx, 'branding', 'whiteLabels', companyId), () => ctx.client.call('branding.get', { companyId })),

    async uploadLogo(companyId, fileName, dataBase64) {
      const result = await mutate(ctx, () => ctx.client.call('branding.setLogo', { companyId, fileName, dataBase64 }), 'Logo saved: it now shows top left for you and every user of your clients');
      put(result.whiteLabel);
      return result;
    },

    async removeLogo(companyId) {
      const label = await mutate(ctx, () => ctx.client.call('branding.removeLogo', { companyId }), 'Logo removed: the platform logo is back');
      put(label);
      return label;
    },

    loadCnameTarget: () => ctx.client.call('branding.cnameTarget', {}),

    async setCnameTarget(cnameTarget) {
      const saved = await mutate(ctx, () => ctx.client.call('branding.setCnameTarget', { cnameTarget }), 'CNAME target saved');
      // Every partner's White label card shows the target.
      for (const id of Object.keys(ctx.get().branding.whiteLabels).map(Number)) void ctx.get().actions.loadWhiteLabel(id);
      return saved;
    },
  };

  return {
    state: { logo: null, whiteLabels: {} },
    actions,
    // The brand logo is kept by its version (the file's hash): another user of the same brand shows the same file
    // at once; a user of another brand gets its version from the session and loads that.
    forUser: (current) => ({ logo: current.logo, whiteLabels: {} }),
  };
}
