// Where the platform this console shows lives, in the words of the screens that say so (the side nav's section and
// footer, the Outbox): this computer (the desktop app, browser mode) or a team server (`serve --console`), named by
// its address. A team server's emails are not sent either, but they stay on the server, not on this machine.
import { isTeamConsole } from '../api/team-session';

export interface PlatformPlace {
  team: boolean;
  /** The team server's host (deck.example.com), or null on this computer. */
  server: string | null;
  /** The side nav's section of the platform's own tools (Outbox, Developer, Webhooks, API requests). */
  sectionHeading: string;
  footerLabel: string;
  footerNote: string;
  footerTitle: string;
  /** What happens to the platform's emails, one sentence. */
  emailsNote: string;
}

export function platformPlace(doc: Pick<Document, 'documentElement'> = document, location: Pick<Location, 'host'> = window.location): PlatformPlace {
  if (!isTeamConsole(doc)) {
    return {
      team: false,
      server: null,
      sectionHeading: 'Local platform',
      footerLabel: 'Local platform',
      footerNote: 'Nothing leaves this machine',
      footerTitle: 'PartnerDeck runs a complete copy of the platform on this machine; emails land in the outbox.',
      emailsNote: 'Nothing leaves this machine.',
    };
  }
  const server = location.host;
  return {
    team: true,
    server,
    sectionHeading: 'Team platform',
    footerLabel: 'Team server',
    footerNote: server,
    footerTitle: `This console runs on your team's PartnerDeck server at ${server}: everybody signed in there works on the same platform. Its emails are not sent; they land in the outbox.`,
    emailsNote: `No email is sent: they stay on the team server (${server}).`,
  };
}
