// Users & permissions of one company: the list with permission chips, the add-user form (optionally with a
// welcome email carrying the login data), editing permissions, and removing users.
import { useEffect, useId, useMemo, useState } from 'react';
import { userCreateSchema, userUpdateSchema } from '../../src-shared/api/inputs';
import type { User } from '../../src-shared/api/types';
import { PERMISSION_LABELS, PERMISSIONS, type Permission } from '../../src-shared/domain/permissions';
import { useActions, useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { Avatar } from '../ui/avatar';
import { ConfirmActionDialog, Modal } from '../ui/dialog';
import { CheckboxField, FieldError, TextField, errorText } from '../ui/fields';
import { formatDate, plural } from '../ui/format';
import { Icon } from '../ui/icons';
import { CancelConfirm } from '../ui/form-footer';
import { LoadableCard } from '../ui/loadable';
import { Card } from '../ui/page';
import { EmptyState, NoPermissionState, SkeletonRows } from '../ui/states';
import { Table } from '../ui/table';
import { useConfirmedAction } from '../ui/use-action';
import { useForm, zodValidator, type FormApi } from '../ui/use-form';
import { requestLeave } from '../router/leave-guard';
import { Form } from '../ui/form';
import './users-manager.css';

/** Short chip names for the permissions (the full labels are in PERMISSION_LABELS). */
const CHIP: Record<Permission, string> = {
  products: 'Products',
  orders: 'Orders',
  customers: 'Customers',
  reports: 'Reports',
  billing: 'Billing',
  apps: 'Apps',
  settings: 'Settings',
  users: 'Users',
  clients: 'Clients',
};

function availablePermissions(companyIsPartner: boolean): Permission[] {
  return PERMISSIONS.filter((p) => companyIsPartner || p !== 'clients');
}

type UsersManagerProps = { companyId: number; companyName: string; companyIsPartner: boolean; addUserInitially: boolean };

/** The users of a company, for a user with the users permission (the platform refuses the list to anybody else). */
export function UsersManager(props: UsersManagerProps) {
  const { users: mayManage } = useCapabilities();
  if (!mayManage) {
    return (
      <Card title="Users" testId="users-list">
        <NoPermissionState permission="users" what={`${props.companyName}'s users and their permissions`} />
      </Card>
    );
  }
  return <UsersList {...props} />;
}

function UsersList({ companyId, companyName, companyIsPartner, addUserInitially }: UsersManagerProps) {
  const users = useApp((s) => s.users.byCompany[companyId]);
  const meId = useApp((s) => s.session.info?.user?.id ?? null);
  const actions = useActions();
  const [adding, setAdding] = useState(addUserInitially);
  const [editing, setEditing] = useState<User | null>(null);
  const remove = useConfirmedAction((user: User) => actions.deleteUser(user));

  useEffect(() => {
    void actions.loadUsers(companyId);
  }, [actions, companyId]);
  useEffect(() => {
    if (addUserInitially) setAdding(true);
  }, [addUserInitially]);

  const available = availablePermissions(companyIsPartner);
  const list = users?.data ?? null;

  return (
    <div className="stack" data-testid="users-manager">
      {adding && (
        <AddUserForm
          companyId={companyId}
          companyName={companyName}
          available={available}
          onDone={() => setAdding(false)}
        />
      )}

      <LoadableCard
        title={list ? plural(list.length, 'user', 'users') : 'Users'}
        description={`Each user signs in to ${companyName}'s admin and sees only ${companyName}.`}
        flush
        actions={
          !adding && (
            <button type="button" className="btn btn-primary" onClick={() => setAdding(true)} data-testid="add-user">
              <Icon name="plus" /> Add user
            </button>
          )
        }
        testId="users-list"
        value={users}
        errorTitle="Could not load the users"
        onRetry={() => void actions.loadUsers(companyId)}
        loading={<SkeletonRows rows={3} columns={3} />}
        empty={
          <EmptyState icon="users" title="No users yet" testId="users-empty">
            <p>Add a user to give {companyName} direct access to its admin. You can send them their login data by email.</p>
          </EmptyState>
        }
      >
        {(rows) => (
          <Table
            className="table users-table"
            rows={rows}
            rowKey={(u) => u.id}
            rowTestId={(u) => `user-row-${u.id}`}
            columns={[
              {
                header: 'User',
                cell: (u) => (
                  <div className="user-cell">
                    <Avatar name={u.name} size={30} round />
                    <div>
                      <div className="user-name">
                        {u.name}
                        {u.id === meId && <span className="badge badge-you">You</span>}
                        {u.isAdmin && <span className="badge badge-admin">Admin</span>}
                      </div>
                      <div className="user-email">{u.email}</div>
                    </div>
                  </div>
                ),
              },
              { header: 'Permissions', cell: (u) => <PermissionChips permissions={u.permissions} available={available} /> },
              { header: 'Added', className: 'col-date', cellClassName: () => 'muted', cell: (u) => formatDate(u.createdAt) },
              {
                header: 'Actions',
                hiddenHeader: true,
                className: 'col-actions',
                cell: (u) => (
                  <div className="row-actions">
                    <button type="button" className="btn btn-small" onClick={() => setEditing(u)} data-testid={`edit-user-${u.id}`}>
                      <Icon name="edit" size={13} /> Edit
                    </button>
                    <button
                      type="button"
                      className="icon-btn icon-btn-danger"
                      aria-label={`Remove ${u.name}`}
                      title={u.id === meId ? 'You cannot remove yourself' : `Remove ${u.name}`}
                      disabled={u.id === meId}
                      onClick={() => remove.ask(u)}
                      data-testid={`remove-user-${u.id}`}
                    >
                      <Icon name="trash" size={15} />
                    </button>
                  </div>
                ),
              },
            ]}
          />
        )}
      </LoadableCard>

      {editing && <EditUserDialog user={editing} available={available} onClose={() => setEditing(null)} />}
      <ConfirmActionDialog action={remove} title={(u) => `Remove ${u.name}?`} confirmLabel="Remove user" danger>
        {(u) => (
          <p>
            {u.name} ({u.email}) can no longer sign in to {companyName}'s admin. This cannot be undone.
          </p>
        )}
      </ConfirmActionDialog>
    </div>
  );
}

export function PermissionChips({ permissions, available }: { permissions: readonly Permission[]; available: readonly Permission[] }) {
  if (permissions.length === 0) return <span className="muted small">No permissions</span>;
  if (available.every((p) => permissions.includes(p))) return <span className="chip chip-all">All areas</span>;
  return (
    <span className="chips">
      {PERMISSIONS.filter((p) => permissions.includes(p)).map((p) => (
        <span key={p} className="chip" title={PERMISSION_LABELS[p]}>
          {CHIP[p]}
        </span>
      ))}
    </span>
  );
}

function PermissionPicker<V extends { permissions: Permission[] }>({ form, available }: { form: FormApi<V>; available: readonly Permission[] }) {
  const legendId = useId();
  const value = form.values.permissions;
  const set = (next: Permission[]) => form.setValue('permissions', PERMISSIONS.filter((p) => next.includes(p)) as V['permissions']);
  const raw = form.error('permissions');
  return (
    <fieldset className="field permissions-field" aria-labelledby={legendId}>
      <div className="permissions-head">
        <legend id={legendId} className="field-label">
          Permissions
        </legend>
        <span className="permissions-bulk">
          <button type="button" className="link-btn" onClick={() => set([...available])}>
            Select all
          </button>
          <span aria-hidden="true">·</span>
          <button type="button" className="link-btn" onClick={() => set([])}>
            None
          </button>
        </span>
      </div>
      <div className="permissions-grid">
        {available.map((p) => {
          const id = `${form.id}-perm-${p}`;
          return (
            <label key={p} htmlFor={id} className={`perm-option${value.includes(p) ? ' is-checked' : ''}`}>
              <input
                id={id}
                type="checkbox"
                className="checkbox"
                checked={value.includes(p)}
                data-testid={`perm-${p}`}
                onChange={(e) => set(e.target.checked ? [...value, p] : value.filter((x) => x !== p))}
              />
              <span>{PERMISSION_LABELS[p]}</span>
            </label>
          );
        })}
      </div>
      <FieldError formId={form.id} field="permissions" message={raw ? errorText('Permissions', raw) : undefined} />
    </fieldset>
  );
}

interface AddUserValues {
  name: string;
  email: string;
  password: string;
  permissions: Permission[];
  isAdmin: boolean;
  sendWelcomeEmail: boolean;
}

function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = new Uint32Array(14);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function AddUserForm({
  companyId,
  companyName,
  available,
  onDone,
}: {
  companyId: number;
  companyName: string;
  available: readonly Permission[];
  onDone: () => void;
}) {
  const actions = useActions();
  const validate = useMemo(() => zodValidator(userCreateSchema, (v: AddUserValues) => ({ companyId, ...v })), [companyId]);
  const form = useForm<AddUserValues>(
    `add-user-${companyId}`,
    { name: '', email: '', password: '', permissions: [], isAdmin: false, sendWelcomeEmail: true },
    validate,
    { leaveGuard: 'New user' },
  );
  const [showPassword, setShowPassword] = useState(false);

  const submit = () =>
    form.submit(async (values) => {
      await actions.createUser({ companyId, ...values });
      onDone();
    });

  return (
    <Card title="Add user" description={`The new user signs in to ${companyName}'s admin.`} testId="add-user-form" className="card-highlight">
      <Form noValidate onSubmit={submit}>
        <div className="form-grid">
          <TextField form={form} name="name" label="Name" required autoFocus autoComplete="off" />
          <TextField form={form} name="email" label="Email" type="email" required autoComplete="off" />
          <TextField
            form={form}
            name="password"
            label="Password"
            type={showPassword ? 'text' : 'password'}
            required
            autoComplete="new-password"
            hint="At least 8 characters."
            suffix={
              <>
                <button type="button" className="link-btn" onClick={() => setShowPassword((s) => !s)}>
                  {showPassword ? 'Hide' : 'Show'}
                </button>
                <button
                  type="button"
                  className="link-btn"
                  data-testid="generate-password"
                  onClick={() => {
                    form.setValue('password', generatePassword());
                    setShowPassword(true);
                  }}
                >
                  Generate
                </button>
              </>
            }
          />
        </div>
        <PermissionPicker form={form} available={available} />
        <div className="form-grid">
          <CheckboxField
            form={form}
            name="isAdmin"
            label="Administrator"
            hint={`Administrators manage ${companyName}'s account, for example send partner requests.`}
          />
          <CheckboxField
            form={form}
            name="sendWelcomeEmail"
            label="Send welcome email with login data"
            hint="Queued in the local outbox with the login data and permissions."
          />
        </div>
        <div className="card-footer">
          <CancelConfirm onCancel={onDone} cancelClassName="btn btn-ghost" busy={form.submitting} confirmType="submit" confirmIcon="plus" confirmLabel="Add user" confirmTestId="save-user" />
        </div>
      </Form>
    </Card>
  );
}

interface EditUserValues {
  name: string;
  permissions: Permission[];
  isAdmin: boolean;
}

function EditUserDialog({ user, available, onClose }: { user: User; available: readonly Permission[]; onClose: () => void }) {
  const actions = useActions();
  const validate = useMemo(() => zodValidator(userUpdateSchema, (v: EditUserValues) => ({ userId: user.id, ...v })), [user.id]);
  const form = useForm<EditUserValues>(`edit-user-${user.id}`, { name: user.name, permissions: [...user.permissions], isAdmin: user.isAdmin }, validate, { leaveGuard: `User ${user.name}` });

  const submit = () =>
    form.submit(async (values) => {
      await actions.updateUser({ userId: user.id, ...values });
      onClose();
    });

  // Cancel, Escape and the close button ask first when there are changes (the form's guard).
  const close = () => requestLeave(onClose);

  return (
    <Modal
      title={`Edit ${user.name}`}
      onClose={close}
      size="medium"
      testId="edit-user-dialog"
      footer={<CancelConfirm onCancel={close} busy={form.submitting} disabled={!form.dirty} confirmIcon="check" confirmLabel="Save" onConfirm={() => void submit()} confirmTestId="save-user" />}
    >
      <Form noValidate onSubmit={submit}>
        <p className="modal-lead">{user.email}</p>
        <TextField form={form} name="name" label="Name" required />
        <PermissionPicker form={form} available={available} />
        <CheckboxField form={form} name="isAdmin" label="Administrator" />
      </Form>
    </Modal>
  );
}
