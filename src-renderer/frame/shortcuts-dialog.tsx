// The keyboard shortcuts (`?` anywhere outside a text field, or "Keyboard shortcuts" in the palette).
import { useActions, useApp } from '../state/store-context';
import { Modal } from '../ui/dialog';
import { shortcutLabel } from '../ui/format';

const SHORTCUTS: Array<{ keys: string[]; where: string; what: string }> = [
  { keys: [shortcutLabel('K')], where: 'anywhere', what: 'Command palette: switch company, actions, screens, search the shop' },
  { keys: ['Shift+Enter'], where: 'a company in the palette', what: 'Open it in a new window' },
  { keys: [shortcutLabel('S', true)], where: 'acting as a client', what: 'Back to Self' },
  { keys: ['?'], where: 'anywhere but a text field', what: 'These shortcuts' },
  { keys: ['/'], where: 'a list', what: 'Focus its search' },
  { keys: ['↑', '↓', 'Home', 'End', 'PgUp', 'PgDn'], where: 'a table row', what: 'Move between rows' },
  { keys: ['Enter'], where: 'a table row', what: 'Open it' },
  { keys: ['Esc'], where: 'a drawer, a dialog, a picker', what: 'Close (a form with changes asks first)' },
  { keys: ['←', '→', 'Home', 'End'], where: 'a focused chart', what: 'Read the values period by period' },
];

export function ShortcutsDialog() {
  const open = useApp((s) => s.ui.shortcutsOpen);
  const { setShortcutsOpen } = useActions();
  if (!open) return null;
  return (
    <Modal title="Keyboard shortcuts" onClose={() => setShortcutsOpen(false)} testId="shortcuts-dialog" size="medium">
      <table className="shortcuts-table">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={`${s.keys.join('+')}-${s.where}`}>
              <td className="shortcuts-keys">
                {s.keys.map((key) => (
                  <kbd className="kbd" key={key}>
                    {key}
                  </kbd>
                ))}
              </td>
              <td>
                {s.what}
                <span className="shortcuts-where">{s.where}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
