// White label in the partner's settings (spec §8): where to point the admin domain (the CNAME target), the logo
// (choose or drop a file, preview it top-left in light and dark, save, remove), and the partner duties word for
// word. Logos are only ever shown as <img> (an SVG as an image runs no script and loads nothing); the core checks
// the file on its content and stores an inert SVG (src-main/core/branding).
import './white-label.css';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { ApiError } from '../../src-shared/api/errors';
import type { WhiteLabel } from '../../src-shared/api/types';
import { LOGO_LIMITS, PARTNER_DUTIES, PARTNER_DUTY_TITLES, fileSizeText } from '../../src-shared/domain/white-label';
import logoUrl from '../../resources/logo.svg';
import { useActions, useApp } from '../state/store-context';
import { CopyButton } from '../ui/copy-button';
import { ConfirmActionDialog } from '../ui/dialog';
import { formatDateTime } from '../ui/format';
import { Icon } from '../ui/icons';
import { Loaded } from '../ui/loadable';
import { Card } from '../ui/page';
import { Callout, SkeletonBlock } from '../ui/states';
import { useAction, useConfirmedAction } from '../ui/use-action';

const ACCEPT = '.png,.jpg,.jpeg,.webp,.svg,image/png,image/jpeg,image/webp,image/svg+xml';
const LIMITS_TEXT = `PNG, JPEG, WebP or SVG; at most ${fileSizeText(LOGO_LIMITS.maxBytes)} and ${LOGO_LIMITS.maxSide.toLocaleString('en-US')} pixels on the longest side. Shown 30 pixels high top left, and at the head of your invoices to your clients.`;

/** The DNS record a partner creates, with the platform's admin host (a platform setting). */
export function CnameInstructions({ label, adminDomain }: { label: WhiteLabel | null; adminDomain: string }) {
  const target = label?.cnameTarget ?? '…';
  const name = adminDomain.trim() || 'admin.example.com';
  return (
    <div className="cname-box" data-testid="cname-instructions">
      <p className="muted small">
        At your DNS provider, point the domain at the platform's admin host with a CNAME record, then enter the domain above. Your clients' welcome emails
        and their console then show this address.
      </p>
      <div className="cname-record">
        <code>{name}</code>
        <span className="muted">CNAME</span>
        <code data-testid="cname-target">{target}</code>
        {label && <CopyButton value={target} label="Copy target" testId="copy-cname-target" />}
      </div>
    </div>
  );
}

export function useWhiteLabel(companyId: number) {
  const label = useApp((s) => s.branding.whiteLabels[companyId]);
  const actions = useActions();
  useEffect(() => {
    void actions.loadWhiteLabel(companyId);
  }, [actions, companyId]);
  return label;
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`${file.name} could not be read`));
    reader.readAsDataURL(file);
  });
}

interface Chosen {
  name: string;
  size: number;
  base64: string;
  /** For the preview only: the browser shows the file as an image, which runs nothing. */
  previewUrl: string;
}

/** Top left as the partner's users and its clients' users will see it, on the light and the dark theme. */
function BarPreview({ src, alt }: { src: string | null; alt: string }) {
  return (
    <div className="logo-previews" aria-label="Preview of the top bar">
      {(['light', 'dark'] as const).map((theme) => (
        <div key={theme} className={`logo-preview-bar logo-preview-${theme}`} data-testid={`logo-preview-${theme}`}>
          {src ? (
            <img src={src} alt={alt} />
          ) : (
            <span className="logo-preview-default">
              <img src={logoUrl} width={22} height={22} alt="" /> PartnerDeck
            </span>
          )}
          <span className="logo-preview-rest" aria-hidden="true" />
          <span className="logo-preview-theme">{theme}</span>
        </div>
      ))}
    </div>
  );
}

export function LogoCard({ companyId, companyName }: { companyId: number; companyName: string }) {
  const label = useWhiteLabel(companyId);
  const actions = useActions();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);

  const choose = async (file: File | undefined) => {
    setError(null);
    setRemoved([]);
    if (!file) return;
    // The size is known before reading: a large file is refused here, without sending it.
    if (file.size > LOGO_LIMITS.maxBytes) {
      setChosen(null);
      setError(`${file.name} is ${fileSizeText(file.size)}; a logo may be at most ${fileSizeText(LOGO_LIMITS.maxBytes)}.`);
      return;
    }
    try {
      const base64 = await readAsBase64(file);
      setChosen({ name: file.name, size: file.size, base64, previewUrl: `data:${file.type || 'application/octet-stream'};base64,${base64}` });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const save = useAction(async () => {
    if (!chosen) return;
    try {
      const result = await actions.uploadLogo(companyId, chosen.name, chosen.base64);
      setChosen(null);
      setRemoved(result.removed);
      if (input.current) input.current.value = '';
    } catch (e) {
      if (e instanceof ApiError) setError(e.fields.file?.[0] ?? e.fields.dataBase64?.[0] ?? e.message);
      else setError((e as Error).message);
    }
  });
  const remove = useConfirmedAction<true>(async () => {
    await actions.removeLogo(companyId);
    setRemoved([]);
  });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void choose(e.dataTransfer.files[0]);
  };

  return (
    <Card title="Logo" description="Replaces the PartnerDeck logo top left for your users and every user of your clients." testId="logo-card">
      <Loaded value={label} errorTitle="Could not load your logo" onRetry={() => void actions.loadWhiteLabel(companyId)} loading={<SkeletonBlock height={140} />}>
        {(wl) => (
          <div className="logo-upload">
            <BarPreview src={chosen?.previewUrl ?? wl.logo?.dataUrl ?? null} alt={`${companyName} logo`} />
            {chosen ? (
              <p className="small" data-testid="logo-chosen">
                Preview of <strong>{chosen.name}</strong> ({fileSizeText(chosen.size)}): not saved yet.
              </p>
            ) : wl.logo ? (
              <p className="muted small" data-testid="logo-current">
                {wl.logo.fileName} · {wl.logo.mime.replace('image/', '').replace('+xml', '').toUpperCase()} · {wl.logo.width} × {wl.logo.height} ·{' '}
                {fileSizeText(wl.logo.sizeBytes)} · uploaded {formatDateTime(wl.logo.uploadedAt)}
              </p>
            ) : (
              <p className="muted small" data-testid="logo-none">
                No logo yet: everyone sees the PartnerDeck logo.
              </p>
            )}
            <label
              className={`drop-zone${dragging ? ' drop-zone-active' : ''}${error ? ' drop-zone-error' : ''}`}
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
            >
              <Icon name="upload" size={18} />
              <span>
                <strong>Choose a file</strong> or drop it here
              </span>
              <span className="muted small">{LIMITS_TEXT}</span>
              <input
                ref={input}
                type="file"
                accept={ACCEPT}
                className="sr-only"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'logo-error' : undefined}
                onChange={(e) => void choose(e.target.files?.[0])}
                data-testid="logo-file"
              />
            </label>
            {error && (
              <p className="field-error" id="logo-error" role="alert" data-testid="logo-error">
                {error}
              </p>
            )}
            {removed.length > 0 && (
              <Callout tone="warning" title="Removed from your SVG before it was saved" testId="logo-removed">
                {removed.join(', ')}. Logos are drawings only: scripts, event handlers and references to other files are taken out.
              </Callout>
            )}
            <div className="card-actions-row">
              {chosen && (
                <>
                  <button type="button" className="btn btn-primary" disabled={save.busy} onClick={() => void save.run()} data-testid="logo-save">
                    {save.busy ? 'Saving…' : 'Save logo'}
                  </button>
                  <button
                    type="button"
                    className="btn"
                    onClick={() => {
                      setChosen(null);
                      setError(null);
                      if (input.current) input.current.value = '';
                    }}
                  >
                    Cancel
                  </button>
                </>
              )}
              {!chosen && wl.logo && (
                <button type="button" className="btn btn-danger-outline" onClick={() => remove.ask(true)} data-testid="logo-remove">
                  Remove logo
                </button>
              )}
            </div>
            <ConfirmActionDialog action={remove} title={() => 'Remove your logo?'} confirmLabel="Remove logo" danger>
              {() => <p>You, your users and every user of your clients see the PartnerDeck logo again; your invoices to clients carry no logo.</p>}
            </ConfirmActionDialog>
          </div>
        )}
      </Loaded>
    </Card>
  );
}

/** The seed's "Partner requirements", word for word (src-shared/domain/white-label.ts). */
export function PartnerDutiesCard() {
  return (
    <Card title="Partner duties" description="What the partner program requires of you, as the platform states it." testId="partner-duties">
      <ol className="duties">
        {PARTNER_DUTIES.map((text, i) => (
          <li key={PARTNER_DUTY_TITLES[i]}>
            <Icon name="checkCircle" size={15} />
            <div>
              <strong>{PARTNER_DUTY_TITLES[i]}</strong>
              <p data-testid="partner-duty">{text}</p>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
