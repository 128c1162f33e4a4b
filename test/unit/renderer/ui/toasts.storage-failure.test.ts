// Issue 16 L6/L7 as the console shows them (seen in screenshots): the storage-failure toasts and the error state
// show a command the message names (`partnerdeck doctor`) as code, never with its backticks.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-shared/api/errors';
import { ToastView } from '../../../../src-renderer/ui/toasts';
import { ErrorState } from '../../../../src-renderer/ui/states';

const DAMAGED = "The data folder's database is damaged. Run `partnerdeck doctor` to see what is wrong and what to do.";

describe('storage failures on screen', () => {
  it('a toast shows the headline, and the command of the message as code without backticks', () => {
    const detail = new ApiError('storage_failed', DAMAGED).message;
    const html = renderToStaticMarkup(createElement(ToastView, { toast: { kind: 'error', message: 'The data folder needs attention', detail }, onDismiss: () => undefined }));
    expect(html).toContain('The data folder needs attention');
    expect(html).toContain('Run <code>partnerdeck doctor</code> to see what is wrong');
    expect(html).not.toContain('`');
  });

  it('the error state of a screen does the same; a lone backtick stays as it is', () => {
    expect(renderToStaticMarkup(createElement(ErrorState, { message: DAMAGED }))).toContain('Run <code>partnerdeck doctor</code> to see');
    expect(renderToStaticMarkup(createElement(ErrorState, { message: 'a ` b' }))).toContain('a ` b');
  });
});
