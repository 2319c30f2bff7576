// Import readings from a CSV or JSON file: pick the file, the mode, and read the validation report.
import { FileUp } from 'lucide-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TelemetryImportReport } from '../../../../electron/contract';
import { MAX_IMPORT_CHARS } from '../../../../electron/contract/telemetry';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { formatNumber } from '../../lib/format';
import { telemetryError } from './readingForm';
import { useTelemetry } from './store';

type Format = 'csv' | 'json';
type Mode = 'valid_rows' | 'all_or_nothing';

const formatOf = (name: string): Format => (name.toLowerCase().endsWith('.json') ? 'json' : 'csv');

export function ImportDialog({ ticketId, onClose }: { ticketId: string; onClose: () => void }) {
  const { t } = useTranslation('telemetry');
  const importFile = useTelemetry((s) => s.importFile);
  const [file, setFile] = useState<File | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const fileIds = useId();
  const [format, setFormat] = useState<Format>('csv');
  const [mode, setMode] = useState<Mode>('valid_rows');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<TelemetryImportReport | null>(null);


  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setError(t('import.pickFile'));
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const content = await file.text();
      if (content.length > MAX_IMPORT_CHARS) throw new Error('too_big');
      setReport(await importFile({ ticketId, format, content, mode, fileName: file.name }));
    } catch (failure) {
      setError(failure instanceof Error && failure.message === 'too_big' ? t('import.tooBig') : telemetryError(t, failure));
    } finally {
      setBusy(false);
    }
  }

  const footer = (
    <>
      <button type="button" className="btn btn-ghost" onClick={onClose}>
        {report ? t('common:actions.close') : t('common:actions.cancel')}
      </button>
      <button type="submit" form="telemetry-import-form" className="btn btn-primary" disabled={busy || !file || (report?.imported ?? 0) > 0}>
        {busy ? t('import.importing') : t('import.submit')}
      </button>
    </>
  );

  return (
    <Modal title={t('import.title')} open onClose={onClose} footer={footer} wide>
      <form id="telemetry-import-form" className="telemetry-import" onSubmit={(e) => void submit(e)}>
        <p className="muted telemetry-import-help">{t('import.help')}</p>
        {/* Our own button and words: the native file box speaks the browser's language ("Choose File" in a Spanish screen). */}
        <div className="field" role="group" aria-labelledby={`${fileIds}-label`}>
          <span id={`${fileIds}-label`} className="field-label">
            {t('import.file')}
          </span>
          <input
            ref={picker}
            name="file"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            hidden
            onChange={(e) => {
              const picked = e.target.files?.[0] ?? null;
              setFile(picked);
              setReport(null);
              setError(null);
              if (picked) setFormat(formatOf(picked.name));
            }}
          />
          <div className="telemetry-import-file">
            <button type="button" className="btn" onClick={() => picker.current?.click()} aria-describedby={`${fileIds}-name`}>
              <FileUp size={14} aria-hidden="true" />
              {t('import.choose')}
            </button>
            <span id={`${fileIds}-name`} className={file ? 'mono' : 'muted'}>
              {file?.name ?? t('import.noFile')}
            </span>
          </div>
        </div>
        <Field label={t('import.format')}>
          <select name="format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
        </Field>
        <fieldset className="telemetry-import-mode">
          <legend>{t('import.mode')}</legend>
          {(['valid_rows', 'all_or_nothing'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              <span>{t(`import.modes.${m}`)}</span>
            </label>
          ))}
        </fieldset>
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        {report && <ImportReport report={report} mode={mode} />}
      </form>
    </Modal>
  );
}

function ImportReport({ report, mode }: { report: TelemetryImportReport; mode: Mode }) {
  const { t } = useTranslation('telemetry');
  const nothingWritten = report.imported === 0 && report.rejectedCount > 0 && mode === 'all_or_nothing';
  return (
    <section className="telemetry-report" aria-live="polite" aria-label={t('import.reportTitle')}>
      <p className="telemetry-report-summary">
        <strong>{t('import.imported', { count: report.imported })}</strong>
        {report.rejectedCount > 0 && <span> · {t('import.rejected', { count: report.rejectedCount })}</span>}
      </p>
      {nothingWritten && <p className="telemetry-report-note">{t('import.nothingWritten')}</p>}
      {report.rejected.length > 0 && (
        <table className="table telemetry-report-table">
          <thead>
            <tr>
              <th scope="col">{t('import.line')}</th>
              <th scope="col">{t('import.field')}</th>
              <th scope="col">{t('import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.map((row) => (
              <tr key={`${row.line}-${row.reason}`}>
                <td className="mono">{formatNumber(row.line)}</td>
                <td>{row.field ? t(`fieldNames.${row.field}`, { defaultValue: row.field }) : '—'}</td>
                <td>{t(`reasons.${row.reason}`, { defaultValue: row.reason })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.rejectedCount > report.rejected.length && <p className="muted">{t('import.moreRejected', { count: report.rejectedCount - report.rejected.length })}</p>}
    </section>
  );
}
