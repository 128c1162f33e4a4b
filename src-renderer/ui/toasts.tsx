// Toasts for the outcome of actions: successes briefly, errors longer and with their message.
import { useActions, useApp } from '../state/store-context';
import { Icon } from './icons';
import './toasts.css';

export function Toasts() {
  const toasts = useApp((s) => s.ui.toasts);
  const { dismissToast } = useActions();
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${t.kind}`}>
          <Icon name={t.kind === 'success' ? 'checkCircle' : t.kind === 'error' ? 'xCircle' : 'info'} size={18} />
          <div className="toast-text">
            <div className="toast-message">{t.message}</div>
            {t.detail && <div className="toast-detail">{t.detail}</div>}
          </div>
          <button type="button" className="icon-btn toast-close" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
