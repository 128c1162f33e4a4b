// Where an embedded app is shown on a screen. The console service decides how (embeddedApps.open): in the
// desktop app a native WebContentsView (its own sandboxed session partition) is laid over this placeholder and
// follows it as the window resizes or scrolls, hidden while a dialog or the company palette covers it; in a
// browser tab the placeholder holds a frame of the browser host's wrapper page, whose own CSP frames only the
// app's origin, with the app inside a sandboxed iframe (src-shared/api/embed-frame.ts).
import { useEffect, useRef, useState } from 'react';
import { EMBED_SANDBOX } from '../../../src-shared/api/embed-frame';
import type { EmbedBounds, EmbedOpenResult } from '../../../src-shared/api/embedded-app-types';
import type { EmbedCheckChoice } from '../../state/embedded-apps-slice';
import { messageOf } from '../../state/loadable';
import { useActions, useApp } from '../../state/store-context';
import { CopyButton } from '../../ui/copy-button';
import { Icon } from '../../ui/icons';
import { ErrorState, Spinner } from '../../ui/states';
import './embed-surface.css';

/** The placeholder's place in the window, clipped to the scrolling content area (never over the top bar). */
function visibleBounds(element: HTMLElement): EmbedBounds | null {
  const rect = element.getBoundingClientRect();
  const clip = element.closest('main')?.getBoundingClientRect() ?? { top: 0, left: 0, right: window.innerWidth, bottom: window.innerHeight };
  const left = Math.max(rect.left, clip.left);
  const top = Math.max(rect.top, clip.top);
  const right = Math.min(rect.right, clip.right);
  const bottom = Math.min(rect.bottom, clip.bottom);
  if (right - left < 1 || bottom - top < 1) return null;
  return { x: Math.round(left), y: Math.round(top), width: Math.round(right - left), height: Math.round(bottom - top) };
}

export function EmbedSurface({
  appId,
  companyId,
  slot,
  title,
  check = null,
  reloadKey = 0,
  className,
  testId,
}: {
  appId: number;
  companyId: number;
  slot: string;
  title: string;
  check?: EmbedCheckChoice | null;
  /** Changing it loads the app again. */
  reloadKey?: number;
  className?: string;
  testId?: string;
}) {
  const actions = useActions();
  const placeholder = useRef<HTMLDivElement>(null);
  const [opened, setOpened] = useState<EmbedOpenResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [retry, setRetry] = useState(0);
  // Native views sit above the page: hide them while something is drawn over the page.
  const covered = useApp((s) => s.ui.paletteOpen);
  const checkKey = check ? `${check.userId}:${check.variant}:${check.otherCompanyId ?? ''}` : '';

  useEffect(() => {
    let live = true;
    setOpened(null);
    setError(null);
    const bounds = placeholder.current ? visibleBounds(placeholder.current) : null;
    actions
      .openEmbeddedApp({ appId, companyId, slot, bounds, check })
      .then((result) => live && setOpened(result))
      .catch((e: unknown) => live && setError(messageOf(e)));
    return () => {
      live = false;
      void actions.closeEmbeddedApp(slot).catch(() => undefined);
    };
    // `check` is compared by its content (checkKey).
  }, [actions, appId, companyId, slot, checkKey, reloadKey, retry]);

  const isView = opened?.mode === 'view';
  useEffect(() => {
    const element = placeholder.current;
    if (!isView || !element) return;
    let frame = 0;
    const place = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void actions.setEmbedBounds(slot, covered || document.querySelector('[role="dialog"]') ? null : visibleBounds(element)).catch(() => undefined));
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(element);
    const scroller = element.closest('main');
    scroller?.addEventListener('scroll', place, { passive: true });
    window.addEventListener('resize', place);
    // Dialogs come and go anywhere in the document.
    const dialogs = new MutationObserver(place);
    dialogs.observe(document.body, { childList: true, subtree: false });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      dialogs.disconnect();
      scroller?.removeEventListener('scroll', place);
      window.removeEventListener('resize', place);
    };
  }, [actions, slot, isView, covered]);

  return (
    <div ref={placeholder} className={`embed-surface ${className ?? ''}`} data-testid={testId} data-embed-mode={opened?.mode ?? 'loading'}>
      {error ? (
        <ErrorState title={`Could not open ${title}`} message={error} />
      ) : !opened ? (
        <div className="embed-loading">
          <Spinner label={`Opening ${title}`} />
        </div>
      ) : opened.mode === 'unreachable' ? (
        <UnreachableApp opened={opened} onRetry={() => setRetry((n) => n + 1)} />
      ) : opened.mode === 'frame' ? (
        <iframe className="embed-frame" src={opened.src} title={title} sandbox={EMBED_SANDBOX} referrerPolicy="no-referrer" data-app-origin={opened.origin} />
      ) : (
        // The native view covers this; it shows through only while the view is hidden.
        <div className="embed-view-backdrop muted small">{title} is shown in its own sandboxed view.</div>
      )}
    </div>
  );
}

/**
 * The console's own page for an app whose server does not answer (instead of the browser's error page): the
 * URL, what was tried and what happened, and how to get it running — the example app with one command.
 */
function UnreachableApp({ opened, onRetry }: { opened: Extract<EmbedOpenResult, { mode: 'unreachable' }>; onRetry: () => void }) {
  return (
    <div className="embed-unreachable" role="alert" data-testid="app-unreachable">
      <div className="embed-unreachable-card">
        <span className="embed-unreachable-icon">
          <Icon name="alert" size={20} />
        </span>
        <h2>{opened.appName} is not reachable</h2>
        <p className="muted">PartnerDeck could not reach the app's server, so there is nothing to show yet. Nothing was sent to the app.</p>
        <dl className="embed-unreachable-facts">
          <dt>Start URL</dt>
          <dd>
            <code data-testid="app-unreachable-url">{opened.startUrl}</code>
          </dd>
          <dt>Tried</dt>
          <dd data-testid="app-unreachable-tried">
            {opened.tried}: {opened.reason}.
          </dd>
        </dl>
        <div className="embed-unreachable-help" data-testid="app-unreachable-help">
          {opened.local ? (
            <p>Start the app's server on this machine, then try again.</p>
          ) : (
            <p>The app runs on its developer's server: check the network connection (an offline demo cannot reach it), or ask its developer.</p>
          )}
          <p>
            To try an embedded app without a server of your own, run the example app: it registers itself in your first shop company and prints its URLs.
          </p>
          <div className="embed-unreachable-command">
            <code>partnerdeck example-app</code>
            <CopyButton value="partnerdeck example-app" label="Copy" testId="app-unreachable-copy" />
          </div>
        </div>
        <button type="button" className="btn btn-primary" onClick={onRetry} data-testid="app-unreachable-retry">
          <Icon name="refresh" size={14} /> Try again
        </button>
      </div>
    </div>
  );
}
