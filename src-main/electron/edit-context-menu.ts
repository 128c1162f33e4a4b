// The right-click menu of the console (and of embedded apps): Cut, Copy, Paste and Select All where they
// apply, as in any desktop text field. Spell checking is off (webPreferences.spellcheck: false: the console
// holds names, SKUs and addresses), so there are no suggestions; the OS's own input tools still work.
import { Menu, type ContextMenuParams, type MenuItemConstructorOptions, type WebContents } from 'electron';

/** The menu for a right-click with `params`, or null when there is nothing to offer (plain page, no selection). */
export function editMenuTemplate(params: Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags'>): MenuItemConstructorOptions[] | null {
  const hasSelection = params.selectionText.trim() !== '';
  if (!params.isEditable && !hasSelection) return null;
  const flags = params.editFlags;
  if (!params.isEditable) {
    return [{ role: 'copy', enabled: flags.canCopy }, { type: 'separator' }, { role: 'selectAll', enabled: flags.canSelectAll }];
  }
  return [
    { role: 'undo', enabled: flags.canUndo },
    { role: 'redo', enabled: flags.canRedo },
    { type: 'separator' },
    { role: 'cut', enabled: flags.canCut },
    { role: 'copy', enabled: flags.canCopy },
    { role: 'paste', enabled: flags.canPaste },
    { type: 'separator' },
    { role: 'selectAll', enabled: flags.canSelectAll },
  ];
}

/** Shows the edit menu on right-clicks in `contents`. */
export function installEditContextMenu(contents: WebContents): void {
  contents.on('context-menu', (_event, params) => {
    const template = editMenuTemplate(params);
    if (template) Menu.buildFromTemplate(template).popup();
  });
}
