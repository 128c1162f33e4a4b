// The company selector: a button in the top bar showing the acting company; it opens the command palette
// (command-palette.tsx: companies, actions, screens and the shop's search; Ctrl/Cmd+K from anywhere).
import { useActions, useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { Avatar } from '../ui/avatar';
import { SelfBadge, KindBadge } from '../ui/badges';
import { shortcutLabel } from '../ui/format';
import { Icon } from '../ui/icons';
import { Spinner } from '../ui/states';
import { CommandPalette } from './command-palette';
import './company-switcher.css';

export function CompanySwitcherButton() {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const isSelf = useApp((s) => s.session.info?.isSelf ?? true);
  const paletteOpen = useApp((s) => s.ui.paletteOpen);
  const switching = useApp((s) => s.session.switchingTo !== null);
  const caps = useCapabilities();
  const { openPalette } = useActions();
  if (!acting) return null;

  if (!caps.canSwitch) {
    // A client's own user only ever sees its own company: a label, not a selector.
    return (
      <div className="switcher-button is-static" data-testid="company-switcher" aria-label={`Company: ${acting.name}`}>
        <Avatar name={acting.name} size={22} />
        <span className="switcher-name" title={acting.name}>
          {acting.name}
        </span>
        <KindBadge company={acting} compact />
      </div>
    );
  }

  return (
    <button
      type="button"
      className={`switcher-button${isSelf ? '' : ' is-client'}`}
      data-testid="company-switcher"
      aria-haspopup="dialog"
      aria-expanded={paletteOpen}
      title={`Switch company (${shortcutLabel('K')})`}
      onClick={openPalette}
    >
      <Avatar name={acting.name} size={22} self={isSelf} />
      {/* A long name ends in an ellipsis; the whole name shows on hover. */}
      <span className="switcher-name" data-testid="acting-company-name" title={acting.name}>
        {acting.name}
      </span>
      {isSelf ? <SelfBadge /> : <KindBadge company={acting} compact />}
      {switching ? <Spinner size={12} /> : <Icon name="chevronUpDown" size={14} className="icon switcher-chevron" />}
      <kbd className="kbd switcher-kbd">{shortcutLabel('K')}</kbd>
    </button>
  );
}

export function CompanyPalette() {
  const open = useApp((s) => s.ui.paletteOpen);
  if (!open) return null;
  return <CommandPalette />;
}
