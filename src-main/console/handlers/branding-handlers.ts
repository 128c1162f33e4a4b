// Console methods of partners' white label: the logo (upload, remove, the one the signed-in user sees), the admin
// domain's CNAME target. The admin domain itself is company data (companies.update).
import { ApiError } from '../../../src-shared/api/errors';
import { DEFAULT_CNAME_TARGET } from '../../../src-shared/domain/white-label';
import type { ConsoleContext, Handlers } from '../console-context';

type BrandingMethods = 'branding.get' | 'branding.setLogo' | 'branding.removeLogo' | 'branding.logo' | 'branding.cnameTarget' | 'branding.setCnameTarget';

export function brandingHandlers(ctx: ConsoleContext): Pick<Handlers, BrandingMethods> {
  const { platform } = ctx;
  return {
    'branding.get': ({ companyId }) => {
      ctx.requireInScope(companyId);
      return platform.branding.get(ctx.actor(), companyId);
    },
    'branding.setLogo': ({ companyId, fileName, dataBase64 }) => {
      ctx.requireSelf("Changing your company's logo");
      const bytes = Buffer.from(dataBase64, 'base64');
      if (bytes.toString('base64').replace(/=+$/, '') !== dataBase64.replace(/=+$/, '')) throw ApiError.validation({ dataBase64: ['is not base64'] });
      return platform.branding.setLogo(ctx.actor(), { companyId, fileName, bytes });
    },
    'branding.removeLogo': ({ companyId }) => {
      ctx.requireSelf("Changing your company's logo");
      return platform.branding.removeLogo(ctx.actor(), companyId);
    },
    'branding.logo': async () => ({ logo: await platform.branding.logoFor(ctx.currentUser().companyId) }),
    'branding.cnameTarget': () => {
      ctx.requireOperator("The platform's admin host");
      const cnameTarget = platform.branding.cnameTarget();
      return { cnameTarget, isDefault: cnameTarget === DEFAULT_CNAME_TARGET };
    },
    'branding.setCnameTarget': ({ cnameTarget }) => {
      const operator = ctx.requireOperator("Changing the platform's admin host");
      const saved = platform.branding.setCnameTarget(operator, cnameTarget);
      return { cnameTarget: saved, isDefault: saved === DEFAULT_CNAME_TARGET };
    },
  };
}
