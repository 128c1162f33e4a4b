// Company settings of the acting company (#/company/settings).
import { useApp } from '../state/store-context';
import { Avatar } from '../ui/avatar';
import { PartnerBadge, RouteBadge, KindBadge } from '../ui/badges';
import { PageHeader } from '../ui/page';
import { SkeletonBlock } from '../ui/states';
import { CompanySettingsPanel } from './company-settings-panel';

export function CompanySettingsScreen() {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  if (!acting) return <SkeletonBlock />;
  return (
    <div className="page" data-testid="company-settings-screen">
      <PageHeader
        leading={<Avatar name={acting.name} size={36} self={acting.isPartner} />}
        title="Company settings"
        badges={
          <>
            {acting.isPartner && <PartnerBadge />}
            <KindBadge company={acting} />
            {!acting.isPartner && <RouteBadge route={acting.paymentRoute} />}
          </>
        }
        subtitle={acting.isPartner ? `${acting.name} — your partner company` : acting.name}
      />
      <CompanySettingsPanel company={acting} />
    </div>
  );
}
