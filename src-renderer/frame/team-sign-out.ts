// "Sign out" on a team server's console (user menu, command palette): asks first when a form holds typed work
// (the leave guard), then ends the session on the server and shows the sign-in page; a failure is told, not hidden.
import { signOutOfTeam } from '../api/team-session';
import { askToLeave } from '../router/leave-guard';

export async function signOutAfterAsking(toastError: (message: string, detail?: string) => void): Promise<void> {
  if (!(await askToLeave())) return;
  try {
    await signOutOfTeam((input, init) => window.fetch(input, init), window);
  } catch (error) {
    toastError('You are still signed in', error instanceof Error ? error.message : undefined);
  }
}
