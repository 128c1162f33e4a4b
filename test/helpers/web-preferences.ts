// What Electron's security checklist asks of every web content PartnerDeck makes (the console window, each
// embedded app's view), written out here independently of the source so the tests check it, not echo it.
export const HARDENED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
} as const;
