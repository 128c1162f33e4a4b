// Platform operator / Platform settings (#/operator/platform-settings): what the operator sets for the whole
// platform that has no other home. Today: the CNAME target partners point their admin domains at (white label,
// spec §8; the seed's "admin.flickrocket.com" is the default). Also `partnerdeck branding cname-target`.
import { useMemo, useState } from 'react';
import { DEFAULT_CNAME_TARGET, HOST_NAME } from '../../src-shared/domain/white-label';
import { useActions } from '../state/store-context';
import { useLatestLoad } from '../state/use-latest-load';
import { TextField } from '../ui/fields';
import { SaveChangesFooter } from '../ui/form-footer';
import { Card, PageHeader } from '../ui/page';
import { ErrorState, SkeletonRows } from '../ui/states';
import { useForm } from '../ui/use-form';
import type { FieldErrors } from '../../src-shared/api/errors';

export function PlatformSettingsScreen() {
  const actions = useActions();
  const [attempt, setAttempt] = useState(0);
  const target = useLatestLoad(() => actions.loadCnameTarget(), [actions, attempt]);
  return (
    <div className="page" data-testid="platform-settings">
      <PageHeader title="Platform settings" subtitle="What the platform operator sets for every company on this platform." />
      {target.status === 'error' ? (
        <ErrorState title="Could not load the platform settings" message={target.error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : target.data ? (
        <CnameTargetCard current={target.data.cnameTarget} />
      ) : (
        <SkeletonRows rows={2} columns={1} />
      )}
    </div>
  );
}

function CnameTargetCard({ current: initial }: { current: string }) {
  const [current, setCurrent] = useState(initial);
  const actions = useActions();
  const validate = useMemo(
    () => (v: { cnameTarget: string }): FieldErrors => {
      // The platform's own rule (branding-service.ts applies the same), so the field says what is wrong while typing.
      const value = v.cnameTarget.trim().toLowerCase().replace(/\.$/, '');
      if (value === '') return { cnameTarget: ['is required (Reset to default restores the seed’s host)'] };
      return HOST_NAME.test(value) ? {} : { cnameTarget: ['is not a host name (e.g. admin.example.com)'] };
    },
    [],
  );
  const form = useForm('platform-cname', { cnameTarget: current }, validate);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(async ({ cnameTarget }) => {
          const saved = await actions.setCnameTarget(cnameTarget.trim());
          setCurrent(saved.cnameTarget);
          form.reset({ cnameTarget: saved.cnameTarget });
        });
      }}
      noValidate
    >
      <Card title="White label: admin host" description="Partners point their admin domain at this host with a CNAME record; their settings page shows it." testId="cname-target-card">
        <TextField form={form} name="cnameTarget" label="CNAME target" placeholder={DEFAULT_CNAME_TARGET} hint={`Default: ${DEFAULT_CNAME_TARGET}. Every partner's White label card shows the new target at once.`} />
        {current !== DEFAULT_CNAME_TARGET && (
          <button
            type="button"
            className="btn btn-small"
            data-testid="reset-cname-target"
            disabled={form.submitting}
            onClick={() =>
              void actions.setCnameTarget(null).then(
                (saved) => {
                  setCurrent(saved.cnameTarget);
                  form.reset({ cnameTarget: saved.cnameTarget });
                },
                () => undefined,
              )
            }
          >
            Reset to {DEFAULT_CNAME_TARGET}
          </button>
        )}
      </Card>
      <SaveChangesFooter form={form} onDiscard={() => form.reset({ cnameTarget: current })} />
    </form>
  );
}
