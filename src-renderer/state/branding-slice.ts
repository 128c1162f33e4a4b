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
  setCnameTarget(companyId: number, cnameTarget: string | null): Promise<WhiteLabel>;
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

    async setCnameTarget(companyId, cnameTarget) {
      const label = await mutate(ctx, () => ctx.client.call('branding.setCnameTarget', { companyId, cnameTarget }), 'CNAME target saved');
      put(label);
      return label;
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
