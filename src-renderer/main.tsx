// The renderer's entry point: creates the console client and the store, subscribes to pushed events once
// (outside React), loads the session and mounts the UI.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createConsoleClient } from './api/console-client';
import { AppRoot } from './frame/app-root';
import { connectUiCommands } from './frame/ui-commands';
import { connectEvents } from './state/pushed-events';
import { createAppStore } from './state/store';
import { StoreProvider } from './state/store-context';
import './styles/tokens.css';
import './styles/base.css';
import './styles/frame.css';
import './styles/components.css';
import './styles/screens.css';
import './styles/developer.css';
import './styles/store.css';
import './styles/billing.css';
import './styles/apps.css';

const client = createConsoleClient();
const store = createAppStore(client);
connectEvents(store, client);
connectUiCommands(store, client);
void store.getState().actions.loadSession();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <AppRoot />
      </StoreProvider>
    </StrictMode>,
  );
}
