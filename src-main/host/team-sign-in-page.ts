// The sign-in page of a team server's console (team-access.ts): plain HTML, no script, its style sheet served
// beside it (/sign-in.css), in the console's look (the design tokens of src-renderer/styles/tokens.css, light and
// dark by the system's choice). The form posts to this page's own address only (CSP form-action 'self').

export const SIGN_IN_PAGE_CSP = "default-src 'none'; style-src 'self'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface SignInPageState {
  email?: string;
  /** What went wrong, in the person's words (shown above the form, announced to screen readers). */
  error?: string;
  /** The field the error is about (it gets the focus and the error's description). */
  field?: 'email' | 'password';
  /** A neutral note (signed out, session over). */
  notice?: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function signInPage(state: SignInPageState = {}): string {
  const { email = '', error, field, notice } = state;
  const emailError = !!error && field === 'email';
  const passwordError = !!error && field === 'password';
  const described = (on: boolean | undefined) => (on ? ' aria-invalid="true" aria-describedby="sign-in-error"' : '');
  // The field to type in first: the one that was wrong, else the email (or the password once the email is known).
  const focus = field ?? (email ? 'password' : 'email');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="same-origin">
<title>Sign in · PartnerDeck</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/sign-in.css">
</head>
<body>
<main class="sign-in">
  <div class="brand" aria-hidden="true"><span class="brand-mark">P</span><span class="brand-name">Partner<span class="brand-accent">Deck</span></span></div>
  <section class="card" aria-labelledby="sign-in-title">
    <h1 id="sign-in-title">Sign in to your team’s PartnerDeck</h1>
    <p class="lead">Use the email address and password of your PartnerDeck user. What you see depends on your company and your permissions.</p>
    ${notice && !error ? `<p class="notice" role="status" data-testid="sign-in-notice">${escapeHtml(notice)}</p>` : ''}
    ${error ? `<p class="error" id="sign-in-error" role="alert" data-testid="sign-in-error">${escapeHtml(error)}</p>` : ''}
    <form method="post" action="/sign-in" novalidate>
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="username" spellcheck="false" autocapitalize="off" maxlength="254" required value="${escapeHtml(email)}"${described(emailError)}${focus === 'email' ? ' autofocus' : ''} data-testid="sign-in-email">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" maxlength="1024" required${described(passwordError)}${focus === 'password' ? ' autofocus' : ''} data-testid="sign-in-password">
      <button type="submit" data-testid="sign-in-submit">Sign in</button>
    </form>
  </section>
  <p class="foot">Forgot your password? An administrator of your company can set a new one under <b>Users</b>. After five wrong passwords an email waits a little before it may try again.</p>
</main>
</body>
</html>
`;
}

export const SIGN_IN_CSS = `:root {
  color-scheme: light dark;
  --font-sans: -apple-system, BlinkMacSystemFont, "Segoe UI Variable Text", "Segoe UI", Inter, "Helvetica Neue", Roboto, "Noto Sans", Ubuntu, Cantarell, Arial, sans-serif;
  --bg: #f5f6f8; --surface: #ffffff; --border: #e3e6eb; --border-strong: #cfd4dc;
  --text: #111827; --text-2: #414b5a; --text-3: #667085;
  --accent: #4f46e5; --accent-hover: #4338ca; --on-accent: #ffffff; --focus-ring: 0 0 0 3px rgba(79, 70, 229, 0.3);
  --danger-soft: #fef3f2; --danger-border: #fecdca; --danger-text: #b42318;
  --info-soft: #eef0ff; --info-border: #c9cdfb; --info-text: #4338ca;
  --shadow: 0 1px 2px rgba(16, 24, 40, 0.05), 0 8px 24px rgba(16, 24, 40, 0.06);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d0f13; --surface: #15181e; --border: #262b35; --border-strong: #353c49;
    --text: #eceef2; --text-2: #b8bfcb; --text-3: #8b94a3;
    --accent: #6d68f5; --accent-hover: #7f7bf8; --focus-ring: 0 0 0 3px rgba(129, 125, 255, 0.4);
    --danger-soft: rgba(240, 68, 56, 0.12); --danger-border: rgba(240, 68, 56, 0.35); --danger-text: #fda29b;
    --info-soft: rgba(109, 104, 245, 0.16); --info-border: rgba(129, 125, 255, 0.38); --info-text: #aeabff;
    --shadow: 0 1px 2px rgba(0, 0, 0, 0.4), 0 8px 24px rgba(0, 0, 0, 0.35);
  }
}
* { box-sizing: border-box; }
html, body { margin: 0; min-height: 100%; }
body { background: var(--bg); color: var(--text); font: 14px/1.5 var(--font-sans); -webkit-font-smoothing: antialiased; }
.sign-in { min-height: 100vh; display: flex; flex-direction: column; align-items: center; justify-content: center; padding: 32px 16px; gap: 20px; }
.brand { display: flex; align-items: center; gap: 10px; font-weight: 650; font-size: 16px; letter-spacing: -0.01em; }
.brand-accent { color: var(--accent); }
.brand-mark { width: 30px; height: 30px; border-radius: 8px; background: var(--accent); color: var(--on-accent); display: grid; place-items: center; font-weight: 700; }
.card { width: 100%; max-width: 400px; background: var(--surface); border: 1px solid var(--border); border-radius: 12px; padding: 28px 28px 24px; box-shadow: var(--shadow); }
h1 { font-size: 20px; line-height: 1.3; margin: 0 0 6px; letter-spacing: -0.01em; }
.lead { margin: 0 0 18px; color: var(--text-3); font-size: 13px; }
form { display: flex; flex-direction: column; }
label { font-size: 13px; font-weight: 600; color: var(--text-2); margin: 0 0 6px; }
input { height: 38px; padding: 0 12px; margin: 0 0 14px; border: 1px solid var(--border-strong); border-radius: 6px; background: var(--surface); color: var(--text); font: inherit; }
input:focus { outline: none; border-color: var(--accent); box-shadow: var(--focus-ring); }
input[aria-invalid="true"] { border-color: var(--danger-text); }
button { height: 38px; margin-top: 4px; border: 0; border-radius: 6px; background: var(--accent); color: var(--on-accent); font: inherit; font-weight: 600; cursor: pointer; }
button:hover { background: var(--accent-hover); }
button:focus-visible { outline: none; box-shadow: var(--focus-ring); }
.error, .notice { margin: 0 0 16px; padding: 10px 12px; border-radius: 6px; font-size: 13px; border: 1px solid; }
.error { background: var(--danger-soft); border-color: var(--danger-border); color: var(--danger-text); }
.notice { background: var(--info-soft); border-color: var(--info-border); color: var(--info-text); }
.foot { max-width: 400px; margin: 0; color: var(--text-3); font-size: 12px; text-align: center; }
`;
