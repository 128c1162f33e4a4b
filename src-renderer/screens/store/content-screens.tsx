// The shop's content (#/store/content/...): themes (one is active; each has free-form settings) and content
// files (metadata only: name, MIME type, size, SHA-256 — the local platform stores no file bodies; a file
// picked on this machine fills the fields, its bytes never leave the page).
import { useRef } from 'react';
import type { ContentFile, Theme } from '../../../src-shared/api/shop-types';
import type { FieldErrors } from '../../../src-shared/api/errors';
import { useActions } from '../../state/store-context';
import { useActing } from '../../state/use-shop';
import { DemoBadge, StatusBadge } from '../../ui/badges';
import { CheckboxField, TextAreaField, TextField } from '../../ui/fields';
import { FormDrawer } from '../../ui/form-drawer';
import { formatCount, formatDate, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { FilterSelect } from '../../ui/search-box';
import { Spinner } from '../../ui/states';
import { useAction } from '../../ui/use-action';
import { ListWithForm } from './edit-item';
import { StoreTabs, type EntityListConfig } from './entity-list';
import { useShopItemForm } from './shop-item-form';
import { dateColumn, tileNameColumn } from './store-columns';
import { wholeNumber } from './store-ui';
import './content-screens.css';

const CONTENT_TABS = [
  ['themes', 'Themes', 'tab-themes'],
  ['files', 'Files', 'tab-files'],
] as const;

/** 2345678 -> "2.2 MB" (binary multiples, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(undefined, { maximumFractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`;
}

// ---- Themes -----------------------------------------------------------------------------------------

const THEMES: EntityListConfig<'themes'> = {
  entity: 'themes',
  icon: 'palette',
  tabs: <StoreTabs current="themes" tabs={CONTENT_TABS} />,
  columns: [
    tileNameColumn<Theme>({ header: 'Theme', icon: 'palette', accent: true }, (t) => ({ title: t.name, sub: [t.author, `v${t.version}`].filter(Boolean).join(' · '), demo: t.isDemo })),
    { id: 'active', header: 'Status', width: '130px', minWidth: 130, cell: (t: Theme) => (t.isActive ? <StatusBadge tone="on">Active theme</StatusBadge> : <span className="muted">—</span>) },
    { id: 'settings', header: 'Settings', width: '100px', minWidth: 100, align: 'end', priority: 2, cell: (t: Theme) => <span className="muted">{formatCount(Object.keys(t.settings).length)}</span> },
    dateColumn<Theme>({ id: 'updated', header: 'Updated', sort: 'updatedAt', priority: 2, firstDirection: 'desc' }, (t) => t.updatedAt),
  ],
  searchPlaceholder: 'Search themes…',
  newLabel: 'New theme',
  emptyTitle: 'No themes yet',
  emptyBody: <p>A theme styles the storefront. Add one and make it active; its settings (colours, fonts, texts) are free-form.</p>,
  testId: 'themes',
};

interface SettingRow {
  key: string;
  value: string;
}

interface ThemeValues {
  name: string;
  version: string;
  author: string;
  description: string;
  isActive: boolean;
  settings: SettingRow[];
}

const SETTING_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function settingsProblems(v: ThemeValues): FieldErrors {
  const seen = new Set<string>();
  for (const row of v.settings) {
    const key = row.key.trim();
    if (key === '' && row.value === '') continue;
    if (!SETTING_NAME.test(key)) return { settings: [`“${key || '(empty)'}” is not a setting name: letters, digits and _ . - (max 64), starting with a letter`] };
    if (seen.has(key)) return { settings: [`“${key}” appears twice`] };
    if (row.value.length > 500) return { settings: [`the value of “${key}” is longer than 500 characters`] };
    seen.add(key);
  }
  return {};
}

function settingsRecord(rows: SettingRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((r) => r.key.trim() !== '' || r.value !== '').map((r) => [r.key.trim(), r.value]));
}

function ThemeDrawer({ theme, onClose }: { theme: Theme | null; onClose: () => void }) {
  const acting = useActing();
  const actions = useActions();
  const companyId = acting?.id ?? 0;
  const toInput = (v: ThemeValues) => ({ companyId, name: v.name, version: v.version, author: v.author, description: v.description, isActive: v.isActive, settings: settingsRecord(v.settings) });
  const { form, save } = useShopItemForm(
    'themes',
    theme,
    {
      name: theme?.name ?? '',
      version: theme?.version ?? '1.0.0',
      author: theme?.author ?? '',
      description: theme?.description ?? '',
      isActive: theme?.isActive ?? false,
      settings: theme ? Object.entries(theme.settings).map(([key, value]) => ({ key, value })) : [{ key: 'primaryColor', value: '#4f46e5' }],
    },
    toInput,
    { extra: settingsProblems },
  );
  const rows = form.values.settings;
  const setRows = (next: SettingRow[]) => {
    form.setValue('settings', next);
    form.blur('settings');
  };
  const settingsError = form.error('settings');
  return (
    <FormDrawer
      form={form}
      testId="theme-form"
      isNew={!theme}
      title={theme ? theme.name : 'New theme'}
      subtitle={theme ? `Version ${theme.version}${theme.author ? ` by ${theme.author}` : ''}` : undefined}
      badges={
        <>
          {theme?.isActive && <StatusBadge tone="on">Active theme</StatusBadge>}
          {theme?.isDemo && <DemoBadge />}
        </>
      }
      submitLabel={theme ? undefined : 'Add theme'}
      onClose={onClose}
      onSubmit={async (v) => {
        await save(v);
      }}
      deleteAction={
        theme
          ? {
              what: `the theme “${theme.name}”`,
              consequence: theme.isActive ? 'The storefront has no active theme afterwards.' : undefined,
              run: () => actions.deleteShopItem('themes', theme.id, `the theme “${theme.name}”`),
            }
          : undefined
      }
    >
      <div className="form-grid">
        <TextField form={form} name="name" label="Name" required className="span-2" />
        <TextField form={form} name="version" label="Version" placeholder="1.0.0" />
        <TextField form={form} name="author" label="Author" />
        <TextAreaField form={form} name="description" label="Description" rows={2} className="span-2" />
        <CheckboxField
          form={form}
          name="isActive"
          label="Active theme"
          hint={theme?.isActive ? 'The storefront uses this theme.' : 'Makes this the storefront’s theme; the one active now is switched off.'}
          className="span-2"
        />
      </div>
      <fieldset className="field" data-testid="theme-settings">
        <legend className="field-label">Settings</legend>
        {rows.length === 0 && <p className="field-hint">No settings. Add names such as primaryColor or headerFont with their values.</p>}
        {rows.map((row, i) => (
          <div className="setting-row" key={i}>
            <input
              className="input mono"
              aria-label={`Setting ${i + 1} name`}
              placeholder="name"
              value={row.key}
              onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
              data-form={form.id}
              data-field="settings"
            />
            <input className="input" aria-label={`Setting ${i + 1} value`} placeholder="value" value={row.value} onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))} />
            <button type="button" className="icon-btn icon-btn-danger" aria-label={`Remove setting ${row.key || i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              <Icon name="trash" size={14} />
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-small btn-ghost settings-add" onClick={() => setRows([...rows, { key: '', value: '' }])} disabled={rows.length >= 100}>
          <Icon name="plus" size={13} /> Add setting
        </button>
        {settingsError && (
          <p className="field-error" role="alert" data-testid="error-settings">
            {settingsError.charAt(0).toUpperCase() + settingsError.slice(1)}
          </p>
        )}
      </fieldset>
    </FormDrawer>
  );
}

// ---- Files ------------------------------------------------------------------------------------------

const FILE_TYPES = [
  { value: '', label: 'Any' },
  { value: 'image/', label: 'Images' },
  { value: 'application/pdf', label: 'PDF' },
  { value: 'video/', label: 'Video' },
  { value: 'audio/', label: 'Audio' },
  { value: 'application/zip', label: 'ZIP' },
  { value: 'text/', label: 'Text' },
];

const FILES: EntityListConfig<'files'> = {
  entity: 'files',
  icon: 'file',
  tabs: <StoreTabs current="files" tabs={CONTENT_TABS} />,
  columns: [
    tileNameColumn<ContentFile>({ header: 'File', icon: 'file' }, (f) => ({ title: f.name, sub: f.description, demo: f.isDemo })),
    { id: 'type', header: 'Type', sort: 'mimeType', width: 'minmax(130px, 1fr)', minWidth: 130, priority: 2, cell: (f: ContentFile) => <code className="sku">{f.mimeType}</code> },
    { id: 'size', header: 'Size', sort: 'size', width: '100px', minWidth: 100, align: 'end', firstDirection: 'desc', cell: (f: ContentFile) => <span className="money">{formatBytes(f.sizeBytes)}</span> },
    {
      id: 'used',
      header: 'Download of',
      width: '120px',
      minWidth: 120,
      align: 'end',
      priority: 2,
      cell: (f: ContentFile) => (f.usedByProducts > 0 ? plural(f.usedByProducts, 'product', 'products') : <span className="muted">—</span>),
    },
    dateColumn<ContentFile>({ id: 'added', header: 'Added', sort: 'createdAt', priority: 3, firstDirection: 'desc' }, (f) => f.createdAt),
  ],
  searchPlaceholder: 'Search file names…',
  filters: (filter, set) => (
    <FilterSelect label="Type" value={filter.mimeType ?? ''} onChange={(mimeType) => set({ mimeType: mimeType === '' ? undefined : mimeType })} options={FILE_TYPES} testId="filter-type" />
  ),
  newLabel: 'New file',
  emptyTitle: 'No files yet',
  emptyBody: <p>Content files are what digital products deliver and what themes show. The local platform keeps their metadata.</p>,
  testId: 'files',
};

interface FileValues {
  name: string;
  mimeType: string;
  sizeBytes: string;
  sha256: string;
  description: string;
}

function fileProblems(v: FileValues): FieldErrors {
  return wholeNumber(v.sizeBytes) === null ? { sizeBytes: ['must be a whole number of bytes'] } : {};
}

/** Hashing reads the whole file into memory; beyond this it is left to the person. */
const MAX_HASH_BYTES = 512 * 1024 * 1024;

function FileDrawer({ file, onClose }: { file: ContentFile | null; onClose: () => void }) {
  const acting = useActing();
  const actions = useActions();
  const picker = useRef<HTMLInputElement>(null);
  const companyId = acting?.id ?? 0;
  const toInput = (v: FileValues) => ({
    companyId,
    name: v.name,
    mimeType: v.mimeType,
    sizeBytes: wholeNumber(v.sizeBytes) ?? Number.NaN,
    sha256: v.sha256.trim() === '' ? null : v.sha256,
    description: v.description,
  });
  const { form, save } = useShopItemForm(
    'files',
    file,
    { name: file?.name ?? '', mimeType: file?.mimeType ?? '', sizeBytes: file ? String(file.sizeBytes) : '', sha256: file?.sha256 ?? '', description: file?.description ?? '' },
    toInput,
    { extra: fileProblems },
  );
  const size = wholeNumber(form.values.sizeBytes);

  const read = useAction(async (local: File) => {
    let sha256 = '';
    if (local.size <= MAX_HASH_BYTES && globalThis.crypto?.subtle) {
      const digest = await crypto.subtle.digest('SHA-256', await local.arrayBuffer());
      sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
    }
    form.setValues({ name: local.name, mimeType: local.type || 'application/octet-stream', sizeBytes: String(local.size), sha256 });
  });
  const reading = read.busy;

  return (
    <FormDrawer
      form={form}
      testId="file-form"
      isNew={!file}
      title={file ? file.name : 'New file'}
      subtitle={file ? `${formatBytes(file.sizeBytes)} · added ${formatDate(file.createdAt)}` : 'The file’s metadata; its contents stay where they are.'}
      badges={file?.isDemo && <DemoBadge />}
      submitLabel={file ? undefined : 'Add file'}
      onClose={onClose}
      onSubmit={async (v) => {
        await save(v);
      }}
      deleteAction={
        file
          ? {
              what: `the file “${file.name}”`,
              blockedReason: file.usedByProducts > 0 ? `The download of ${plural(file.usedByProducts, 'product', 'products')}: choose another file there before deleting it.` : null,
              run: () => actions.deleteShopItem('files', file.id, `the file “${file.name}”`),
            }
          : undefined
      }
    >
      <div className="local-file">
        <input
          ref={picker}
          type="file"
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            const local = e.target.files?.[0];
            if (local) void read.run(local);
            e.target.value = '';
          }}
        />
        <button type="button" className="btn btn-small" onClick={() => picker.current?.click()} disabled={reading} data-testid="read-local-file">
          {reading ? <Spinner size={13} /> : <Icon name="file" size={14} />} Fill in from a file on this computer…
        </button>
        <span className="field-hint">Reads name, type, size and SHA-256 here; nothing is uploaded.</span>
      </div>
      <div className="form-grid">
        <TextField form={form} name="name" label="File name" required className="span-2" />
        <TextField form={form} name="mimeType" label="MIME type" required placeholder="application/pdf" />
        <TextField form={form} name="sizeBytes" label="Size" required inputMode="numeric" suffix={<span className="muted">bytes</span>} hint={size !== null ? formatBytes(size) : undefined} />
        <TextField form={form} name="sha256" label="SHA-256" placeholder="64 hex digits (optional)" className="span-2 mono-field" />
        <TextAreaField form={form} name="description" label="Description" rows={2} className="span-2" />
      </div>
    </FormDrawer>
  );
}

// ---- Routing ----------------------------------------------------------------------------------------

export function ContentScreen({ list, item }: { list: 'themes' | 'files'; item: number | 'new' | null }) {
  return list === 'themes' ? (
    <ListWithForm config={THEMES} item={item} render={(t, close) => <ThemeDrawer theme={t} onClose={close} />} />
  ) : (
    <ListWithForm config={FILES} item={item} render={(f, close) => <FileDrawer file={f} onClose={close} />} />
  );
}
