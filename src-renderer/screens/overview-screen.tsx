// Overview. As Self: the partner's real numbers (clients by payment route and sample status, pending
// requests, this month's combined sales, recent clients and emails) and quick links. As a client: that company's card.
import { useCapabilities } from '../state/use-capabilities';
import { CompanyOverview } from './company-overview';
import { PartnerOverview } from './partner-overview';
import './stats/stat-cards.css';
import './overview-screen.css';
import './company-settings-panel.css';

export function OverviewScreen() {
  const caps = useCapabilities();
  return caps.clients ? <PartnerOverview /> : <CompanyOverview />;
}
