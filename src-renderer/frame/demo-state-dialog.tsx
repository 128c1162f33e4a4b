// "Save demo state…" and "Reset demo…" (user menu and palette; issue 19 item 8): the same snapshots of the
// whole data folder as `partnerdeck snapshot save|restore|list`. Reset asks first, naming what is lost, and then
// every console window starts again (the `demo_state.restored` event reloads the others).
import { useEffect, useId, useMemo, useState } from 'react';
import { SNAPSHOT_NAME_PATTERN, SNAPSHOT_NAME_RULE, type DemoSnapshot } from '../../src-shared/api/devtools-types';
import { askToLeave } from '../router/leave-guard';
import { useActions, useApp } from '../state/store-context';
import { Modal } from '../ui/dialog';
import { CancelConfirm } from '../ui/form-footer';
import { formatDateTime } from '../ui/format';
import { Callout, Spinner } from '../ui/states';
import { useAction } from '../ui/use-action';
import { Form } from '../ui/form';
import './demo-state-dialog.css';

/** Starts this window again as Self on the overview (its session belonged to the console before the reset). */
export function restartAfterReset(): void {
  window.location.replace(`${window.location.pathname}${window.location.search}`);
}

const sizeText = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`);

/** The dialog the devTools slice says is open, if any. */
export function DemoStateDialogs() {
  const dialog = useApp((s) => s.devTools.demoDialog);
  const close = useActions().setDemoDialog;
  if (dialog === 'save') return <SaveDemoDialog onClose={() => close(null)} />;
  if (dialog === 'reset') return <ResetDemoDialog onClose={() => close(null)} />;
  return null;
}

function useDemoStates() {
  const states = useApp((s) => s.devTools.demoStates);
  const load = useActions().loadDemoStates;
  useEffect(() => {
    void load();
  }, [load]);
  return states;
}

function snapshotLabel(s: DemoSnapshot, startName: string | null): string {
  return s.name === startName ? 'When the demo started' : s.name;
}

function SaveDemoDialog({ onClose }: { onClose: () => void }) {
  const states = useDemoStates();
  const actions = useActions();
  const inputId = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const existing = states.data?.snapshots.find((s) => s.name === name.trim()) ?? null;
  const save = useAction(async () => {
    const trimmed = name.trim();
    if (!SNAPSHOT_NAME_PATTERN.test(trimmed)) {
      setError(`Name: ${trimmed ? '' : 'required — '}${SNAPSHOT_NAME_RULE}.`);
      return;
    }
    await actions.saveDemoState(trimmed);
    onClose();
  });
  return (
    <Modal
      title="Save demo state"
      onClose={onClose}
      testId="save-demo-dialog"
      size="medium"
      footer={<CancelConfirm onCancel={onClose} busy={save.busy} confirmLabel={existing ? `Replace “${existing.name}”` : 'Save'} confirmType="submit" onConfirm={() => void save.run()} confirmTestId="save-demo-confirm" />}
    >
      <p className="modal-lead">
        Saves everything in this data folder — companies, shops and orders, apps and their installs, webhooks and their queues, the outbox and the
        platform clock — under a name, so <strong>Reset demo</strong> (or <code>partnerdeck snapshot restore</code>) can bring it back.
      </p>
      <Form className="demo-state-form" onSubmit={() => save.run()}>
        <label htmlFor={inputId} className="field-label">
          Name
        </label>
        <input
          id={inputId}
          className="input"
          value={name}
          data-autofocus
          placeholder="e.g. before-close"
          maxLength={64}
          aria-invalid={error !== null}
          aria-describedby={`${inputId}-hint`}
          data-testid="save-demo-name"
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        {error ? (
          <p className="field-error" role="alert" id={`${inputId}-hint`} data-testid="save-demo-error">
            {error}
          </p>
        ) : (
          <p className="field-hint" id={`${inputId}-hint`}>
            {existing ? `A state named “${existing.name}” (saved ${formatDateTime(existing.savedAt)}) will be replaced.` : `Letters, digits, dots, dashes or underscores.`}
          </p>
        )}
      </Form>
      {states.data && states.data.snapshots.length > 0 && (
        <div className="demo-state-existing">
          <div className="menu-caption">Saved states</div>
          <SnapshotList snapshots={states.data.snapshots} startName={states.data.startName} onPick={(s) => setName(s.name)} selected={existing?.name ?? null} />
        </div>
      )}
    </Modal>
  );
}

function SnapshotList({ snapshots, startName, selected, onPick }: { snapshots: DemoSnapshot[]; startName: string | null; selected: string | null; onPick: (s: DemoSnapshot) => void }) {
  return (
    <div className="demo-state-list" role="radiogroup" aria-label="Saved states">
      {snapshots.map((s) => (
        <button
          type="button"
          role="radio"
          aria-checked={s.name === selected}
          key={s.name}
          className="demo-state-row"
          data-testid={`demo-state-${s.name}`}
          onClick={() => onPick(s)}
        >
          <span className="demo-state-radio" aria-hidden="true" />
          <span className="demo-state-text">
            <strong>{snapshotLabel(s, startName)}</strong>
            <span>
              Saved {formatDateTime(s.savedAt)} · platform time {formatDateTime(s.platformTime)} · {sizeText(s.bytes)}
            </span>
          </span>
        </button>
      ))}
    </div>
  );
}

function ResetDemoDialog({ onClose }: { onClose: () => void }) {
  const states = useDemoStates();
  const actions = useActions();
  const [picked, setPicked] = useState<string | null>(null);
  const list = states.data;
  const chosen = useMemo(() => {
    const snapshots = list?.snapshots ?? [];
    return snapshots.find((s) => s.name === picked) ?? snapshots.find((s) => s.name === list?.startName) ?? snapshots[0] ?? null;
  }, [list, picked]);
  const reset = useAction(async () => {
    if (!chosen) return;
    // Unsaved forms in this window are lost with everything else: ask about them first.
    if (!(await askToLeave())) return;
    await actions.resetDemo(chosen.name);
    restartAfterReset();
  });
  return (
    <Modal
      title="Reset demo"
      onClose={reset.busy ? () => undefined : onClose}
      testId="reset-demo-dialog"
      size="medium"
      footer={
        <CancelConfirm
          onCancel={onClose}
          busy={reset.busy}
          disabled={!chosen || list?.canReset === false}
          confirmLabel={chosen ? `Reset to “${snapshotLabel(chosen, list?.startName ?? null)}”` : 'Reset'}
          confirmClassName="btn btn-danger"
          onConfirm={() => void reset.run()}
          confirmTestId="reset-demo-confirm"
        />
      }
    >
      {states.status === 'loading' && !list && (
        <div className="palette-empty">
          <Spinner /> Loading saved states…
        </div>
      )}
      {states.status === 'error' && <Callout tone="danger">{states.error}</Callout>}
      {list && list.snapshots.length === 0 && (
        <Callout tone="info" title="No saved state yet">
          Save one first with <strong>Save demo state…</strong> in the user menu.
        </Callout>
      )}
      {list && !list.canReset && <Callout tone="warning">This console cannot reset the demo. Stop it and run <code>partnerdeck snapshot restore NAME</code>.</Callout>}
      {list && chosen && (
        <>
          <p className="modal-lead">Puts the whole data folder back to a saved state. Pick one:</p>
          <SnapshotList snapshots={list.snapshots} startName={list.startName} selected={chosen.name} onPick={(s) => setPicked(s.name)} />
          <Callout tone="danger" title="What will be lost" testId="reset-demo-loss">
            Everything changed since {formatDateTime(chosen.savedAt)} — companies, orders, products and customers, apps and their installs, webhooks
            and their queues, emails in the outbox, and the platform clock (back to {formatDateTime(chosen.platformTime)}). Unsaved forms are
            discarded and every console window starts again. To keep today&apos;s state, cancel and save it first.
          </Callout>
        </>
      )}
    </Modal>
  );
}
