// The coloured strip shown while a partner acts as one of its clients, so it is never in doubt whose
// data it is looking at.
import { useActions, useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { KindBadge } from '../ui/badges';
import { shortcutLabel } from '../ui/format';
import { Icon } from '../ui/icons';
import { switchCompany } from './switch-company';
import './acting-banner.css';

export function ActingBanner() {
  const caps = useCapabilities();
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const actions = useActions();
  if (!caps.actingAsClient || !acting) return null;
  return (
    <div className="acting-banner" role="status" data-testid="acting-banner">
      <Icon name="swap" size={15} />
      {/* One line at any width: a long name ends in an ellipsis (whole on hover), the explanation gives way first. */}
      <span className="acting-text">
        <span className="acting-label">Acting as</span>
        <strong className="acting-name" title={acting.name} data-testid="acting-banner-name">
          {acting.name}
        </strong>
        <KindBadge company={acting} />
        <span className="acting-hint">
          <span className="acting-sep">—</span> you see what its users see.
        </span>
      </span>
      <button type="button" className="acting-back" onClick={() => void switchCompany(actions, null)} data-testid="acting-banner-self">
        <Icon name="arrowLeft" size={14} /> Back to Self <kbd className="kbd">{shortcutLabel('S', true)}</kbd>
      </button>
    </div>
  );
}
