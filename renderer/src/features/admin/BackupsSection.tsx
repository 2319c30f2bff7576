// Copias de seguridad: take one now (with progress), list the ones in the data folder, and how to restore one.
// Restoring replaces the database file, so it only runs with Emerald closed: the screen shows the documented CLI step.
import { DatabaseBackup, History } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { restoreCommandLine, type BackupDto, type BackupLocationDto } from '../../../../electron/contract/backup';
import { api } from '../../api/client';
import { Modal } from '../../components/Modal';
import { formatDateTime } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { toast } from '../../stores/toasts';
import { adminError, SectionHeader } from './shared';
import './backups.css';

/** 1,2 MB / 850 kB, in the UI language. */
export function formatBytes(bytes: number, language: string): string {
  const locale = language === 'en' ? 'en-GB' : 'es-ES';
  const [unit, size] = bytes >= 1024 * 1024 ? (['megabyte', 1024 * 1024] as const) : (['kilobyte', 1024] as const);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
}

function RestoreHelp({ backup, location, onClose }: { backup: BackupDto; location: BackupLocationDto; onClose: () => void }) {
  const { t } = useTranslation('backups');
  return (
    <Modal title={t('restore.title', { when: formatDateTime(backup.createdAt) })} open onClose={onClose} wide>
      <p>{t('restore.intro')}</p>
      <ol className="restore-steps">
        <li>{t('restore.close')}</li>
        <li>
          {t('restore.run')}
          <pre className="command" tabIndex={0} aria-label={t('restore.commandLabel')}>
            {restoreCommandLine(location.dataDir, backup.path)}
          </pre>
        </li>
        <li>{t('restore.kept')}</li>
        <li>{t('restore.reopen')}</li>
      </ol>
      <p className="muted">{t('restore.checks')}</p>
    </Modal>
  );
}

export function BackupsSection() {
  const { t, i18n } = useTranslation('backups');
  const [backups, setBackups] = useState<BackupDto[] | null>(null);
  const [location, setLocation] = useState<BackupLocationDto | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [restoring, setRestoring] = useState<BackupDto | null>(null);

  const load = useCallback(async () => {
    try {
      const [list, where] = await Promise.all([api.call('backup.list', {}), api.call('backup.location', {})]);
      setBackups(list);
      setLocation(where);
    } catch (error) {
      setFailure(adminError(t, error));
    }
  }, [t]);
  useEffect(() => void load(), [load]);
  // The backup job reports its pages as it copies them.
  useDomainEvents(
    (e) => e.entity === 'job' && e.progress?.label === 'backup',
    (e) => setProgress(e.progress ? { done: e.progress.done, total: e.progress.total } : null),
  );

  async function takeBackup() {
    setRunning(true);
    setProgress(null);
    setFailure(null);
    try {
      const made = await api.call('backup.create', {});
      toast.success(t('created', { file: made.fileName, size: formatBytes(made.sizeBytes, i18n.language) }));
      await load();
    } catch (error) {
      setFailure(adminError(t, error));
    } finally {
      setRunning(false);
    }
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;
  return (
    <section aria-labelledby="admin-section-title">
      <SectionHeader title={t('title')}>
        <button type="button" className="btn btn-primary" onClick={() => void takeBackup()} disabled={running}>
          <DatabaseBackup size={14} aria-hidden="true" />
          {running ? t('running') : t('create')}
        </button>
      </SectionHeader>
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      {running && (
        <div className="backup-progress" role="status">
          <label htmlFor="backup-progress">{percent === null ? t('running') : t('progress', { percent })}</label>
          <progress id="backup-progress" max={100} {...(percent === null ? {} : { value: percent })} />
        </div>
      )}
      <p className="muted">{t('intro', { kept: location?.automaticKept ?? 7 })}</p>
      {location && (
        <dl className="backup-where">
          <dt>{t('folder')}</dt>
          <dd>
            <code>{location.backupsDir}</code>
          </dd>
          <dt>{t('database')}</dt>
          <dd>
            <code>{location.dataDir}</code>
          </dd>
        </dl>
      )}
      {backups && backups.length === 0 && <div className="empty">{t('none')}</div>}
      {backups && backups.length > 0 && (
        <table className="table admin-table backups-table">
          <caption className="sr-only">{t('title')}</caption>
          {/* Fixed column widths (backups.css): the table fits its section at 1024 px; the file name is cut, whole in its title. */}
          <colgroup>
            <col className="col-date" />
            <col className="col-size" />
            <col />
            <col className="col-schema" />
            <col className="col-actions" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('columns.date')}</th>
              <th scope="col">{t('columns.size')}</th>
              <th scope="col">{t('columns.file')}</th>
              <th scope="col">{t('columns.schema')}</th>
              <th scope="col">
                <span className="sr-only">{t('columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.fileName}>
                <td>{formatDateTime(b.createdAt)}</td>
                <td>{formatBytes(b.sizeBytes, i18n.language)}</td>
                <td className="mono cell-line" title={b.path}>
                  {b.fileName}
                </td>
                <td>{b.schemaVersion}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-ghost" onClick={() => setRestoring(b)} aria-label={t('restore.label', { when: formatDateTime(b.createdAt) })}>
                    <History size={14} aria-hidden="true" />
                    {t('restore.button')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restoring && location && <RestoreHelp backup={restoring} location={location} onClose={() => setRestoring(null)} />}
    </section>
  );
}
