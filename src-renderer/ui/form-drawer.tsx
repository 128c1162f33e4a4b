// The shell of every create / edit form of the shop: a drawer with the form's fields, a footer with Delete
// (behind a confirmation that names the object), Cancel and Save, and the unsaved-changes guard (closing,
// a link or a company switch asks before changes are thrown away). Validation and server field errors come
// from useForm; the owner supplies what Save and Delete do.
import type { ReactNode } from 'react';
import { leaveNow, requestLeave, useLeaveGuard } from '../router/leave-guard';
import { ConfirmActionDialog } from './dialog';
import { Drawer } from './drawer';
import { Icon } from './icons';
import { BusyButton } from './form-footer';
import { ErrorState, SkeletonRows } from './states';
import { useConfirmedAction } from './use-action';
import type { FormApi } from './use-form';
import { Form } from './form';

export interface DeleteAction {
  /** "the product “Walnut desk”" (how the confirmation names it). */
  what: string;
  /** Why it cannot be deleted now, shown instead of the button. */
  blockedReason?: string | null;
  /** What else goes with it, for the confirmation ("Its 12 members are removed too."). */
  consequence?: string;
  run(): Promise<void>;
}

export function FormDrawer<V>({
  form,
  title,
  subtitle,
  badges,
  isNew,
  submitLabel,
  onSubmit,
  onClose,
  deleteAction,
  children,
  testId,
  size,
  aside,
}: {
  form: FormApi<V>;
  title: ReactNode;
  subtitle?: ReactNode;
  badges?: ReactNode;
  isNew: boolean;
  submitLabel?: string;
  /** Saves; throw (an ApiError) to keep the drawer open with the field errors shown. May return where to go
   * next instead of closing (e.g. the new order's page). */
  onSubmit(values: V): Promise<void | (() => void)>;
  /** Leaves the form (after a save, a delete, or a confirmed discard). */
  onClose(): void;
  deleteAction?: DeleteAction;
  children: ReactNode;
  testId: string;
  size?: 'medium' | 'wide';
  /** Extra content under the fields (related objects, facts). */
  aside?: ReactNode;
}) {
  // A failed delete closes the question: the toast says why (e.g. a customer with orders); the form stays.
  const remove = useConfirmedAction(
    async (action: DeleteAction) => {
      await action.run();
      leaveNow(onClose);
    },
    { afterError: 'close' },
  );
  useLeaveGuard(form.dirty, typeof title === 'string' && title ? title : 'This form');

  const close = () => requestLeave(onClose);
  const save = async () => {
    let next: (() => void) | undefined;
    const ok = await form.submit(async (values) => {
      next = (await onSubmit(values)) ?? undefined;
    });
    if (ok) leaveNow(next ?? onClose);
  };

  return (
    <Drawer
      title={title}
      subtitle={subtitle}
      badges={badges}
      onClose={close}
      testId={testId}
      size={size}
      footer={
        <>
          {deleteAction && !isNew && (
            deleteAction.blockedReason ? (
              <span className="drawer-footer-note" data-testid="delete-blocked">
                <Icon name="info" size={14} /> {deleteAction.blockedReason}
              </span>
            ) : (
              <button type="button" className="btn btn-danger-outline" onClick={() => remove.ask(deleteAction)} disabled={form.submitting} data-testid="delete-item">
                <Icon name="trash" size={14} /> Delete
              </button>
            )
          )}
          <span className="toolbar-spacer" />
          <span className="drawer-footer-status" aria-live="polite">
            {form.dirty ? 'Unsaved changes' : isNew ? '' : 'No changes'}
          </span>
          <button type="button" className="btn" onClick={close} disabled={form.submitting} data-testid="cancel">
            Cancel
          </button>
          <BusyButton type="submit" form={`${form.id}-form`} className="btn btn-primary" busy={form.submitting} icon="check" disabled={form.submitting || (!isNew && !form.dirty)} testId="save">
            {submitLabel ?? (isNew ? 'Create' : 'Save changes')}
          </BusyButton>
        </>
      }
    >
      <Form id={`${form.id}-form`} className="drawer-form" noValidate onSubmit={save}>
        {children}
      </Form>
      {aside}
      <ConfirmActionDialog action={remove} title={(a) => `Delete ${a.what}?`} confirmLabel="Delete" danger>
        {(a) => (
          <p>
            This deletes {a.what} from the shop. {a.consequence ?? ''} It cannot be undone.
          </p>
        )}
      </ConfirmActionDialog>
    </Drawer>
  );
}

/** The drawer while the object loads, or when it could not be loaded. */
export function LoadingDrawer({ title, error, onRetry, onClose, testId }: { title: string; error?: string | null; onRetry?: () => void; onClose: () => void; testId: string }) {
  return (
    <Drawer title={title} onClose={onClose} testId={testId}>
      {error ? <ErrorState title="Could not open it" message={error} onRetry={onRetry} /> : <SkeletonRows rows={6} columns={1} />}
    </Drawer>
  );
}
