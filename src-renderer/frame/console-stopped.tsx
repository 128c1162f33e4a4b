// When the console's server has stopped (its terminal closed, Ctrl+C, the computer slept), a browser tab
// would otherwise sit on a dead page whose buttons fail one by one. After a few seconds without the server,
// this page says so plainly and how to start it again; it keeps listening, and goes away by itself when the
// server is back (a restarted server asks for a new launch link: frame/launch-needed.tsx). What was typed
// stays under it.
import { useEffect, useState } from 'react';
import { useApp } from '../state/store-context';
import { Icon } from '../ui/icons';
import { Spinner } from '../ui/states';
import './console-stopped.css';

/** How long the live connection may be gone before the page says PartnerDeck stopped (a blip is not a stop). */
export const STOPPED_AFTER_MS = 5000;

export function ConsoleStopped() {
  const connection = useApp((s) => s.session.connection);
  const [stopped, setStopped] = useState(false);
  useEffect(() => {
    if (connection === 'connected') {
      setStopped(false);
      return;
    }
    const timer = setTimeout(() => setStopped(true), STOPPED_AFTER_MS);
    return () => clearTimeout(timer);
  }, [connection]);
  if (!stopped) return null;
  return (
    <div className="console-stopped" role="alertdialog" aria-modal="true" aria-labelledby="console-stopped-title" data-testid="console-stopped">
      <div className="console-stopped-card">
        <span className="console-stopped-icon">
          <Icon name="wifiOff" size={22} />
        </span>
        <h1 id="console-stopped-title">PartnerDeck stopped</h1>
        <p>The console's server is not running any more, so nothing here can be loaded or saved. What you typed is still on this page.</p>
        <p>
          Start it again with <code>npm start</code> in the PartnerDeck folder (or <code>partnerdeck console</code>), then open the link it prints.
        </p>
        <p className="console-stopped-waiting muted small">
          <Spinner size={13} /> This page notices by itself when PartnerDeck is back.
        </p>
      </div>
    </div>
  );
}
