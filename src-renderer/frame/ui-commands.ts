// Menu commands of the desktop app (Switch company…, Back to Self) enter here, outside React. The menu's
// accelerators (Ctrl/Cmd+K, Ctrl/Cmd+Shift+S) take the keys before the page, so these do what the page's
// own shortcuts do in a browser tab.
import type { UiCommand } from '../../src-shared/api/contract';
import type { RendererConsoleClient } from '../api/console-client';
import { capabilitiesOf } from '../state/capabilities';
import type { AppStore } from '../state/store';
import { switchCompany } from './switch-company';
import { openTeamServerSettings } from '../screens/team-server-card';

export function applyUiCommand(store: AppStore, command: UiCommand): void {
  const state = store.getState();
  const caps = capabilitiesOf(state.session.info);
  switch (command.command) {
    case 'open-switcher':
      // The command palette: for everybody signed in (a client's own user gets actions, screens, the shop's search).
      if (!caps.signedIn) return;
      if (state.ui.paletteOpen) state.actions.closePalette();
      else state.actions.openPalette();
      return;
    case 'open-team-server':
      // File → Connect to Team Server…: Settings, at the Team server card (settings-screen.tsx focuses it).
      state.actions.closePalette();
      openTeamServerSettings();
      return;
    case 'switch-to-self':
      if (!caps.actingAsClient) return;
      state.actions.closePalette();
      void switchCompany(state.actions, null);
      return;
  }
}

export function connectUiCommands(store: AppStore, client: RendererConsoleClient): () => void {
  return client.onUiCommand((command) => applyUiCommand(store, command));
}
