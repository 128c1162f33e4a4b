// Settings → Team server (the desktop app only, issue 21 item 5; docs/team-server.md): points this profile at a
// team server's console (`partnerdeck serve --console`) instead of this computer's PartnerDeck. The app checks the
// address, asks the server, keeps the choice in the profile's prefs.json and restarts on it; the way back is
// File → "Use This Computer's PartnerDeck". Refusals come back in words on the field.
import { useState } from 'react';
import { ApiError } from '../../src-shared/api/errors';
import { navigate } from '../router/use-route';
import { useActions } from '../state/store-context';
import { errorText, Field } from '../ui/fields';
import { Icon } from '../ui/icons';
import { Card } from '../ui/page';

const FORM_ID = 'team-server';
const FIELD_ID = `${FORM_ID}-url`;

/** File → Connect to Team Server… lands here: the address field gets the focus and comes into view. */
export function focusTeamServerField(attempts = 20): void {
  const input = document.getElementById(FIELD_ID);
  if (input instanceof HTMLInputElement) {
    input.scrollIntoView({ block: 'center' });
    input.focus();
  } else if (attempts > 0) {
    window.setTimeout(() => focusTeamServerField(attempts - 1), 50);
  }
}

/** Settings, at the Team server card (the user menu's and File menu's "Connect to team server…"). */
export function openTeamServerSettings(): void {
  navigate({ name: 'settings' });
  focusTeamServerField();
}

export function TeamServerCard() {
  const actions = useActions();
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [restartingOn, setRestartingOn] = useState<string | null>(null);

  const connect = async () => {
    if (busy || restartingOn) return;
    if (url.trim() === '') {
      setError('Enter the address of your team’s PartnerDeck server, e.g. https://deck.example.com');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { origin } = await actions.connectTeamServer(url);
      setRestartingOn(origin);
    } catch (caught) {
      const fields = caught instanceof ApiError ? caught.fields : {};
      setError(fields.url?.[0] ?? (caught instanceof Error ? caught.message : String(caught)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="Team server"
      description="Work on your team’s shared PartnerDeck instead of the platform on this computer. You sign in there with your own email and password; this computer’s data stays as it is, and File → Use This Computer’s PartnerDeck brings it back."
      testId="settings-team-server"
    >
      <form
        className="team-server-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void connect();
        }}
      >
        <Field
          formId={FORM_ID}
          name="url"
          label="Server address"
          error={error === undefined ? undefined : errorText('Server address', error)}
          hint="The address your team opens in a browser, e.g. https://deck.example.com. PartnerDeck asks the server before it switches."
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="url"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              maxLength={2000}
              placeholder="https://deck.example.com"
              value={url}
              disabled={busy || restartingOn !== null}
              onChange={(event) => {
                setUrl(event.target.value);
                if (error) setError(undefined);
              }}
              data-testid="team-server-url"
            />
          )}
        </Field>
        <div className="card-actions-row">
          <button type="submit" className="btn btn-primary" disabled={busy || restartingOn !== null} data-testid="team-server-connect">
            <Icon name="globe" /> {busy ? 'Asking the server…' : 'Connect and restart'}
          </button>
        </div>
        {restartingOn && (
          <p className="team-server-status" role="status" data-testid="team-server-restarting">
            {new URL(restartingOn).host} answers as a PartnerDeck team server. PartnerDeck restarts on it now…
          </p>
        )}
      </form>
    </Card>
  );
}
