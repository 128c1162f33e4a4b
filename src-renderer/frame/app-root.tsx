// The root of the UI: a splash while the session loads, the first-start onboarding when nobody is signed
// in, and the application frame otherwise. The onboarding is a chunk of its own: it checks its form with the
// console's zod schema, which the start-up bundle leaves out (issue 18, cold start); it is shown once per data
// folder.
import { lazyScreen, ScreenBoundary, screenModule } from '../lazy-screens';
import { useActions, useApp } from '../state/store-context';
import { Icon } from '../ui/icons';
import { Spinner } from '../ui/states';
import { AppFrame } from './app-frame';
import logoUrl from '../../resources/logo.svg';
import './app-root.css';

const onboarding = screenModule(() => import('../screens/onboarding-screen'));
const OnboardingScreen = lazyScreen(onboarding, 'OnboardingScreen');

export function AppRoot() {
  const status = useApp((s) => s.session.status);
  const error = useApp((s) => s.session.error);
  const signedIn = useApp((s) => Boolean(s.session.info?.user));
  const { loadSession } = useActions();

  if (status === 'loading') {
    return (
      <div className="splash" data-testid="splash">
        <img src={logoUrl} width={44} height={44} alt="" />
        <div className="splash-text">
          <Spinner size={14} /> Starting PartnerDeck…
        </div>
      </div>
    );
  }
  if (status === 'error') {
    return (
      <div className="splash" data-testid="startup-error">
        <img src={logoUrl} width={44} height={44} alt="" />
        <h1 className="splash-title">PartnerDeck cannot reach its console</h1>
        <p className="splash-message">{error}</p>
        <button type="button" className="btn btn-primary" onClick={() => void loadSession()}>
          <Icon name="refresh" /> Try again
        </button>
      </div>
    );
  }
  if (signedIn) return <AppFrame />;
  return (
    <ScreenBoundary screen="onboarding">
      <OnboardingScreen />
    </ScreenBoundary>
  );
}
