// What the side nav and the Outbox say about where the platform lives: this machine in the desktop app and browser
// mode, the team server by its address on a team server's console (the page the host marked as one).
import { describe, expect, it } from 'vitest';
import { platformPlace } from '../../../../src-renderer/frame/platform-place';
import { TEAM_CONSOLE_ATTRIBUTE } from '../../../../src-shared/api/team-console';

const documentWith = (team: boolean) => ({ documentElement: { hasAttribute: (name: string) => team && name === TEAM_CONSOLE_ATTRIBUTE } }) as unknown as Document;

describe('where the platform lives', () => {
  it('is this machine in the desktop app and browser mode', () => {
    const place = platformPlace(documentWith(false), { host: '127.0.0.1:4800' });
    expect(place).toMatchObject({ team: false, server: null, sectionHeading: 'Local platform', footerNote: 'Nothing leaves this machine', emailsNote: 'Nothing leaves this machine.' });
  });

  it('is the team server, named by its address, on a team console: nothing claims it is this machine', () => {
    const place = platformPlace(documentWith(true), { host: 'deck.example.com' });
    expect(place).toMatchObject({ team: true, server: 'deck.example.com', sectionHeading: 'Team platform', footerLabel: 'Team server', footerNote: 'deck.example.com' });
    expect(place.emailsNote).toBe('No email is sent: they stay on the team server (deck.example.com).');
    for (const text of Object.values(place)) if (typeof text === 'string') expect(text).not.toMatch(/this machine|Local platform/);
  });
});
