// The combined view's CSV export: a table of the combined view for its filter, named after the partner.
import type { SalesExportInput } from '../../../src-shared/api/sales-inputs';
import { useActions, useApp } from '../../state/store-context';
import { csvFileName, downloadCsv } from '../../ui/csv-download';
import { Icon } from '../../ui/icons';
import { Spinner } from '../../ui/states';
import { useAction } from '../../ui/use-action';
import './stats.css';

/** Downloads a combined-view table for its filter, named after the partner. */
function useSalesExport() {
  const actions = useActions();
  const home = useApp((s) => s.session.info?.home?.name ?? 'partner');
  const exporting = useAction(async (table: SalesExportInput['table']) => {
    const file = await actions.exportSalesTable(table);
    downloadCsv(file, csvFileName(home, file.fileName.replace(/\.csv$/, ''), ''));
  });
  return { busy: exporting.running?.[0] ?? null, run: exporting.run };
}

export function ExportButton({ table, label = 'Export CSV', small }: { table: SalesExportInput['table']; label?: string; small?: boolean }) {
  const { busy, run } = useSalesExport();
  return (
    <button type="button" className={`btn${small ? ' btn-small btn-ghost' : ''}`} onClick={() => void run(table)} disabled={busy !== null} data-testid={`export-${table}`}>
      {busy === table ? <Spinner size={13} /> : <Icon name="download" size={small ? 13 : 16} />} {label}
    </button>
  );
}
