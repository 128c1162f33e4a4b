// The loaded wrapper's designed states: the error (with its title, message and Try again) only while there is
// nothing to show, the skeleton until the first answer, the empty state, and the content — also through a
// refresh and a failed reload, which keep the data on screen.
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { idle, loading, ready, failed } from '../../../../src-renderer/state/loadable';
import { LoadableCard, Loaded, loadedState, type LoadableLike } from '../../../../src-renderer/ui/loadable';

function render(value: LoadableLike<string[]> | undefined, extra: { empty?: ReactNode; onRetry?: () => void } = {}): string {
  return renderToStaticMarkup(
    createElement(Loaded<string[]>, {
      value,
      errorTitle: 'Could not load the users',
      onRetry: extra.onRetry,
      loading: createElement('div', { className: 'skeleton-here' }),
      empty: extra.empty,
      children: (users: string[]) => createElement('ul', null, users.map((u) => createElement('li', { key: u }, u))),
    }),
  );
}

describe('the loaded wrapper', () => {
  it('shows the skeleton before the first answer (never loaded, idle, loading)', () => {
    expect(render(undefined)).toBe('<div class="skeleton-here"></div>');
    expect(render(idle())).toBe('<div class="skeleton-here"></div>');
    expect(render(loading(undefined))).toBe('<div class="skeleton-here"></div>');
  });

  it('shows the error with its title, the message and Try again when nothing was loaded', () => {
    const html = render(failed(undefined, new Error('console is down')), { onRetry: () => undefined });
    expect(html).toContain('data-testid="error-state"');
    expect(html).toContain('Could not load the users');
    expect(html).toContain('console is down');
    expect(html).toContain('Try again');
    expect(render(failed(undefined, new Error('x')))).not.toContain('Try again');
  });

  it('shows the empty state for an empty answer, and the content otherwise', () => {
    const empty = createElement('p', { 'data-testid': 'no-users' }, 'No users yet');
    expect(render(ready([]), { empty })).toBe('<p data-testid="no-users">No users yet</p>');
    expect(render(ready(['Anna', 'Lukas']), { empty })).toBe('<ul><li>Anna</li><li>Lukas</li></ul>');
    // Without an empty state, an empty answer is content.
    expect(render(ready([]))).toBe('<ul></ul>');
  });

  it('keeps the data on screen through a refresh and a failed reload', () => {
    const shown = ready(['Anna']);
    expect(render(loading(shown))).toBe('<ul><li>Anna</li></ul>');
    expect(render(failed(shown, new Error('timeout')))).toBe('<ul><li>Anna</li></ul>');
  });

  it('names the state for callers that lay states out themselves', () => {
    const isEmpty = (d: string[]) => d.length === 0;
    expect(loadedState(undefined, isEmpty)).toBe('loading');
    expect(loadedState(failed<string[]>(undefined, 'x'), isEmpty)).toBe('error');
    expect(loadedState(ready<string[]>([]), isEmpty)).toBe('empty');
    expect(loadedState(ready<string[]>([]), null)).toBe('ready');
    expect(loadedState(ready(['a']), isEmpty)).toBe('ready');
  });

  it('puts the states inside a card with its title', () => {
    const html = renderToStaticMarkup(
      createElement(LoadableCard<string[]>, { title: 'Users', testId: 'users-list', value: failed<string[]>(undefined, 'gone'), errorTitle: 'Could not load the users', children: () => null }),
    );
    expect(html).toMatch(/^<section class="card +" data-testid="users-list">/);
    expect(html).toContain('<h2 class="card-title">Users</h2>');
    expect(html).toContain('Could not load the users');
  });
});
