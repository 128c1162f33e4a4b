// White label (spec §8; seed "Integrating the FlickRocket backend with your domain and brand"): a partner's logo,
// which replaces the platform's logo for the partner's users and every user of its clients and heads the
// partner's documents to its clients; its admin domain, which is the admin address those users are shown (the
// welcome email's login link, the console's developer and settings pages); and the platform's admin host the
// domain is pointed at (a platform setting, default DEFAULT_CNAME_TARGET).
//
// The logos are on the asynchronous data layer (issue 21: partner-logos-repository.ts), so what reads or writes
// them answers a promise; the companies, settings and audit log it also uses are still synchronous and share the
// SQLite connection, so they run inside `ctx.transaction` (docs/architecture.md "While areas are still synchronous").
import { ApiError } from '../../../src-shared/api/errors';
import type { LogoUploadResult, PartnerLogo, SessionBrand, WhiteLabel } from '../../../src-shared/api/types';
import { DEFAULT_CNAME_TARGET, HOST_NAME, LOGO_TYPES, type LogoMime } from '../../../src-shared/domain/white-label';
import { actorLabel, requirePermission, type Actor } from '../access';
import { LogoRejected } from '../branding/logo-rejected';
import { toIso } from '../clock';
import type { CompanyRow } from '../repositories/companies-repository';
import type { PartnerLogoRow } from '../repositories/partner-logos-repository';
import type { ServiceContext } from './service-context';

export const CNAME_TARGET_SETTING = 'whiteLabel.cnameTarget';

/** The logo as the PDFs draw it: PNG/JPEG bytes pdfkit reads, or the SVG text for svg-to-pdfkit. */
export type DrawableLogo = { kind: 'raster'; bytes: Buffer; width: number; height: number } | { kind: 'svg'; text: string; width: number; height: number };

/** A stored logo (a partner's now, or one an issued document keeps) as a PDF draws it: an SVG as vectors, else PNG/JPEG. */
export function drawableLogo(row: { mime: string; data: Buffer; pdf_png: Buffer | null; width: number; height: number }): DrawableLogo {
  if (row.mime === 'image/svg+xml') return { kind: 'svg', text: row.data.toString('utf8'), width: row.width, height: row.height };
  return { kind: 'raster', bytes: row.pdf_png ?? row.data, width: row.width, height: row.height };
}

export interface BrandingService {
  /** A partner's white label (the partner itself, or the operator). */
  get(actor: Actor, companyId: number): Promise<WhiteLabel>;
  /** Checks the file on its content and stores it; a bad file throws a validation error on `file` and stores nothing. */
  setLogo(actor: Actor, input: { companyId: number; fileName: string; bytes: Uint8Array }): Promise<LogoUploadResult>;
  /** Back to the platform's logo. */
  removeLogo(actor: Actor, companyId: number): Promise<WhiteLabel>;
  /** The partner whose brand a company's users see: the company itself if it is a partner, else its partner. */
  brandOf(companyId: number): Promise<SessionBrand | null>;
  /** The logo of a company's brand as an <img> source, or null (the platform's logo). */
  logoFor(companyId: number): Promise<PartnerLogo | null>;
  /** The logo of a company's brand for a PDF, or null. */
  drawableLogoFor(companyId: number): Promise<DrawableLogo | null>;
  /** The admin address a company's users are shown: its brand's admin domain, else the platform's address. */
  adminUrlFor(companyId: number): string;
  cnameTarget(): string;
  /** Operator only; null goes back to the default. */
  setCnameTarget(actor: Actor, host: string | null): string;
}

export function adminUrlOf(domain: string): string {
  return `https://${domain}/`;
}

export function createBrandingService(ctx: ServiceContext, platformUrl: () => string): BrandingService {
  const { repos, access, clock } = ctx;

  const cnameTarget = () => repos.settings.get(CNAME_TARGET_SETTING) ?? DEFAULT_CNAME_TARGET;

  function partnerInReach(actor: Actor, companyId: number, what: string): CompanyRow {
    const company = access.company(actor, companyId);
    if (!company.is_partner) throw ApiError.validation({ companyId: [`is not a partner: ${what} is for partners (white label)`] });
    if (actor.kind === 'user' && actor.companyId !== company.id && !actor.isOperator) {
      throw new ApiError('forbidden', `Only ${company.name}'s own users can change its white label.`);
    }
    return company;
  }

  function logoOf(row: PartnerLogoRow): PartnerLogo {
    return {
      mime: row.mime as LogoMime,
      width: row.width,
      height: row.height,
      sizeBytes: row.size_bytes,
      fileName: row.file_name,
      uploadedAt: toIso(row.uploaded_at),
      uploadedBy: row.uploaded_by,
      sha256: row.sha256,
      dataUrl: `data:${row.mime};base64,${row.data.toString('base64')}`,
    };
  }

  async function whiteLabelOf(company: CompanyRow): Promise<WhiteLabel> {
    const row = await repos.partnerLogos.get(company.id);
    return {
      companyId: company.id,
      adminDomain: company.admin_domain,
      adminUrl: company.admin_domain ? adminUrlOf(company.admin_domain) : null,
      cnameTarget: cnameTarget(),
      logo: row ? logoOf(row) : null,
    };
  }

  function brandCompany(companyId: number): CompanyRow | null {
    const company = repos.companies.get(companyId);
    if (!company) return null;
    if (company.is_partner) return company;
    return company.partner_id === null ? null : (repos.companies.get(company.partner_id) ?? null);
  }

  return {
    async get(actor, companyId) {
      const company = access.company(actor, companyId);
      if (!company.is_partner) throw ApiError.validation({ companyId: ['is not a partner: a white label is for partners'] });
      return whiteLabelOf(company);
    },

    async setLogo(actor, input) {
      const company = partnerInReach(actor, input.companyId, 'a logo');
      requirePermission(actor, 'settings');
      const fileName = input.fileName.trim().slice(0, 200) || 'logo';
      let checked;
      try {
        // The decoders (PNG, JPEG, WebP, the SVG parser) load with the first upload, not at start (issue 18 cold start).
        const { checkLogo } = await import('../branding/logo-file');
        checked = await checkLogo(input.bytes);
      } catch (error) {
        if (error instanceof LogoRejected) throw ApiError.validation({ file: [`${fileName} ${error.message}`] });
        throw error;
      }
      if (!(LOGO_TYPES as readonly string[]).includes(checked.mime)) throw ApiError.validation({ file: [`${fileName} is not an accepted image`] });
      const now = clock.now();
      await ctx.transaction(async (emit) => {
        // The check above ran outside the transaction (it awaits the WebP decoder): the company may be gone.
        if (!repos.companies.get(company.id)) throw new ApiError('not_found', `Company ${company.id} was not found.`);
        await repos.partnerLogos.put({
          company_id: company.id,
          mime: checked.mime,
          data: checked.bytes,
          pdf_png: checked.pdfPng,
          width: checked.width,
          height: checked.height,
          size_bytes: checked.bytes.length,
          sha256: checked.sha256,
          file_name: fileName,
          uploaded_at: now,
          uploaded_by: actorLabel(actor),
        });
        repos.audit.record({
          company_id: company.id,
          actor: actorLabel(actor),
          action: 'branding.logo_uploaded',
          detail: { fileName, mime: checked.mime, width: checked.width, height: checked.height, sizeBytes: checked.bytes.length, removed: checked.removed },
          created_at: now,
        });
        emit('branding.changed', { companyId: company.id });
      });
      return { whiteLabel: await whiteLabelOf(repos.companies.get(company.id)!), removed: checked.removed };
    },

    async removeLogo(actor, companyId) {
      const company = partnerInReach(actor, companyId, 'a logo');
      requirePermission(actor, 'settings');
      const now = clock.now();
      await ctx.transaction(async (emit) => {
        if (!(await repos.partnerLogos.delete(company.id))) return;
        repos.audit.record({ company_id: company.id, actor: actorLabel(actor), action: 'branding.logo_removed', detail: {}, created_at: now });
        emit('branding.changed', { companyId: company.id });
      });
      return whiteLabelOf(company);
    },

    async brandOf(companyId) {
      const partner = brandCompany(companyId);
      if (!partner) return null;
      return { partnerId: partner.id, partnerName: partner.name, adminDomain: partner.admin_domain, logoVersion: (await repos.partnerLogos.meta(partner.id))?.sha256 ?? null };
    },

    async logoFor(companyId) {
      const partner = brandCompany(companyId);
      const row = partner ? await repos.partnerLogos.get(partner.id) : undefined;
      return row ? logoOf(row) : null;
    },

    async drawableLogoFor(companyId) {
      const partner = brandCompany(companyId);
      const row = partner ? await repos.partnerLogos.get(partner.id) : undefined;
      return row ? drawableLogo(row) : null;
    },

    adminUrlFor(companyId) {
      const domain = brandCompany(companyId)?.admin_domain;
      return domain ? adminUrlOf(domain) : platformUrl();
    },

    cnameTarget,

    setCnameTarget(actor, host) {
      if (actor.kind === 'user' && !actor.isOperator) {
        throw new ApiError('forbidden', "Only the platform operator can change the platform's admin host.", { reason: 'operator_only' });
      }
      const value = host === null ? null : host.trim().toLowerCase().replace(/\.$/, '');
      if (value !== null && !HOST_NAME.test(value)) throw ApiError.validation({ cnameTarget: ['is not a host name (e.g. admin.example.com)'] });
      const now = clock.now();
      ctx.transact((emit) => {
        repos.settings.set(CNAME_TARGET_SETTING, value ?? DEFAULT_CNAME_TARGET);
        repos.audit.record({ company_id: null, actor: actorLabel(actor), action: 'branding.cname_target_changed', detail: { cnameTarget: value ?? DEFAULT_CNAME_TARGET }, created_at: now });
        emit('branding.changed', { companyId: null });
      });
      return cnameTarget();
    },
  };
}
