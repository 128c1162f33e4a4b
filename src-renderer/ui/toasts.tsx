// Toasts for the outcome of actions: successes briefly, errors longer and with their message.
import type { Toast } from '../state/ui-slice';
import { useActions, useApp } from '../state/store-context';
import { Icon } from './icons';
import { MessageText } from './message-text';
import './toasts.css';

export function Toasts() {
  const toasts = useApp((s) => s.ui.toasts);
  const { dismissToast } = useActions();
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions">
      {toasts.map((t) => (
        <ToastView key={t.id} toast={t} onDismiss={() => dismissToast(t.id)} />
      ))}
    </div>
  );
}

/** One toast: its headline, and the API's message (commands it names shown as code). */
export function ToastView({ toast, onDismiss }: { toast: Pick<Toast, 'kind' | 'message' | 'detail'>; onDismiss(): void }) {
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${toast.kind}`}>
      <Icon name={toast.kind === 'success' ? 'checkCircle' : toast.kind === 'error' ? 'xCircle' : 'info'} size={18} />
      <div className="toast-text">
        <div className="toast-message">
          <MessageText text={toast.message} />
        </div>
        {toast.detail && (
          <div className="toast-detail">
            <MessageText text={toast.detail} />
          </div>
        )}
      </div>
      <button type="button" className="icon-btn toast-close" aria-label="Dismiss" onClick={onDismiss}>
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}
