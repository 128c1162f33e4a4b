// The top bar: logo (the partner's own under white label), the company selector, the one-click "Self" button while acting as a client, the
// event-stream status and the user menu.
import { useEffect } from 'react';
import logoUrl from '../../resources/logo.svg';
import { useActions, useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { shortcutLabel } from '../ui/format';
import { Icon } from '../ui/icons';
import { Spinner } from '../ui/states';
import { CompanySwitcherButton } from './company-switcher';
import { switchCompany } from './switch-company';
import { UserMenu } from './user-menu';
import './top-bar.css';

/**
 * Top left: the partner's logo for the partner's users and every user of its clients (white label), else
 * PartnerDeck's. The logo is only ever an <img> (an SVG shown as an image runs no script and loads nothing).
 * While a partner logo loads, the space stays empty rather than flashing the platform's logo.
 */
export function Logo({ size = 24 }: { size?: number }) {
  const brand = useApp((s) => s.session.info?.brand ?? null);
  const logo = useApp((s) => s.branding.logo);
  const actions = useActions();
  const version = brand?.logoVersion ?? null;
  useEffect(() => actions.syncBrandLogo(version), [actions, version]);

  if (brand && version !== null && logo?.version === version && logo.value.status !== 'error') {
    const file = logo.value.data?.logo ?? null;
    return (
      <a className="logo logo-brand" href="#/" aria-label={`${brand.partnerName} home`} data-testid="logo" data-brand={brand.partnerId}>
        {file ? <img src={file.dataUrl} alt={brand.partnerName} data-testid="brand-logo" /> : <span className="logo-brand-pending" aria-hidden="true" />}
      </a>
    );
  }
  return (
    <a className="logo" href="#/" aria-label="PartnerDeck home" data-testid="logo">
      <img src={logoUrl} width={size} height={size} alt="" />
      <span className="logo-word">
        Partner<span>Deck</span>
      </span>
    </a>
  );
}

export function SelfButton() {
  const caps = useCapabilities();
  const switchingToSelf = useApp((s) => s.session.switchingTo === 'self');
  const actions = useActions();
  if (!caps.actingAsClient) return null;
  return (
    <button
      type="button"
      className="btn btn-self"
      data-testid="self-button"
      title={`Back to your partner account (${shortcutLabel('S', true)})`}
      disabled={switchingToSelf}
      onClick={() => void switchCompany(actions, null)}
    >
      {switchingToSelf ? <Spinner size={14} /> : <Icon name="home" size={15} />}
      Self
    </button>
  );
}

function ConnectionStatus() {
  const connection = useApp((s) => s.session.connection);
  if (connection === 'connected') return null;
  return (
    <span className="connection-pill" role="status" data-testid="connection-status" title="Live updates paused; PartnerDeck reconnects by itself">
      <Icon name="wifiOff" size={14} /> Reconnecting…
    </span>
  );
}

export function TopBar() {
  return (
    <header className="topbar">
      <div className="topbar-left">
        <Logo />
        <span className="topbar-divider" aria-hidden="true" />
        <CompanySwitcherButton />
      </div>
      <div className="topbar-right">
        <ConnectionStatus />
        <SelfButton />
        <UserMenu />
      </div>
    </header>
  );
}
