// Photos and files of an OT or a ticket: add (file picker, several at once, or the camera), a grid of thumbnails,
// the display copy on click, the original to download. Mounted on the OT detail and on the ticket detail.
import { Camera, FileText, ImageOff, Paperclip } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentDto } from '../../../../electron/contract/attachments';
import { api } from '../../api/client';
import { saveFile } from '../../lib/download';
import { toast } from '../../stores/toasts';
import { AttachmentViewer } from './AttachmentViewer';
import { CameraModal, hasCamera } from './CameraModal';
import { attachmentError } from './errors';
import { fromBrowserFile, uploadOne, type PickedFile } from './upload';
import { useAttachments, type AttachmentOwner } from './useAttachments';
import './attachments.css';

const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

interface Progress {
  done: number;
  total: number;
  current: string;
}

function Tile({ row, onOpen }: { row: AttachmentDto; onOpen: (row: AttachmentDto) => void }) {
  const { t } = useTranslation('attachments');
  if (!row.bytesAvailable) {
    return (
      <li className="attachment-tile attachment-pending" title={row.fileName}>
        <ImageOff size={28} aria-hidden="true" />
        <span>{t(row.kind === 'photo' ? 'pendingPhoto' : 'pendingFile')}</span>
        <span className="attachment-name">{row.fileName}</span>
      </li>
    );
  }
  const label = row.kind === 'photo' ? t('openPhoto', { name: row.fileName }) : t('downloadFile', { name: row.fileName });
  return (
    <li className="attachment-tile">
      <button type="button" className="attachment-open" onClick={() => onOpen(row)} aria-label={label} title={row.fileName}>
        {row.thumbDataUrl ? <img src={row.thumbDataUrl} alt="" /> : <FileText size={36} aria-hidden="true" />}
        <span className="attachment-name">{row.fileName}</span>
      </button>
    </li>
  );
}

export function AttachmentsPanel({ owner, editable, heading = 'h2', className = 'card' }: { owner: AttachmentOwner; editable: boolean; heading?: 'h2' | 'h3'; className?: string }) {
  const { t } = useTranslation('attachments');
  const titleId = useId();
  const picker = useRef<HTMLInputElement>(null);
  const { rows, reload } = useAttachments(owner);
  const [camera, setCamera] = useState<'unknown' | 'yes' | 'no'>('unknown');
  const [cameraOpen, setCameraOpen] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [viewing, setViewing] = useState<AttachmentDto | null>(null);

  useEffect(() => {
    if (editable) void hasCamera().then((found) => setCamera(found ? 'yes' : 'no'));
  }, [editable]);

  async function upload(files: PickedFile[]) {
    if (files.length === 0) return;
    setErrors([]);
    const failed: string[] = [];
    for (const [index, file] of files.entries()) {
      setProgress({ done: index, total: files.length, current: file.name });
      try {
        await uploadOne(owner, file);
      } catch (error) {
        failed.push(`${file.name}: ${attachmentError(t, error)}`);
      }
    }
    setProgress(null);
    setErrors(failed);
    const added = files.length - failed.length;
    if (added > 0) toast.success(t('added', { count: added }));
    reload();
  }

  async function download(row: AttachmentDto) {
    try {
      saveFile(await api.call('attachments.original', { id: row.id }));
    } catch (error) {
      toast.error(attachmentError(t, error));
    }
  }

  const open = (row: AttachmentDto) => (row.kind === 'photo' ? setViewing(row) : void download(row));
  const count = rows?.length ?? 0;
  const Heading = heading;

  return (
    <section className={`${className} attachments-panel`} aria-labelledby={titleId}>
      <div className="attachments-head">
        <Heading id={titleId}>{t('title', { count })}</Heading>
        {editable && (
          <div className="btn-row">
            <button type="button" className="btn" onClick={() => picker.current?.click()} disabled={progress !== null}>
              <Paperclip size={14} aria-hidden="true" />
              {t('add')}
            </button>
            {camera === 'yes' && (
              <button type="button" className="btn" onClick={() => setCameraOpen(true)} disabled={progress !== null}>
                <Camera size={14} aria-hidden="true" />
                {t('useCamera')}
              </button>
            )}
            <input
              ref={picker}
              type="file"
              accept={ACCEPT}
              multiple
              hidden
              aria-label={t('add')}
              onChange={(event) => {
                const files = [...(event.target.files ?? [])].map(fromBrowserFile);
                event.target.value = '';
                void upload(files);
              }}
            />
          </div>
        )}
      </div>
      {editable && <p className="field-hint">{t('limits')}</p>}
      {progress && (
        <div className="attachments-progress" role="status">
          <progress max={progress.total} value={progress.done} aria-label={t('uploading')} />
          <span>{t('uploadingOne', { done: progress.done + 1, total: progress.total, name: progress.current })}</span>
        </div>
      )}
      {errors.length > 0 && (
        <div role="alert">
          <ul className="attachments-errors">
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      {rows && rows.length === 0 && <p className="muted">{t('none')}</p>}
      {rows && rows.length > 0 && (
        <ul className="attachments-grid">
          {rows.map((row) => (
            <Tile key={row.id} row={row} onOpen={open} />
          ))}
        </ul>
      )}
      {viewing && <AttachmentViewer attachment={viewing} onClose={() => setViewing(null)} onDownload={() => void download(viewing)} />}
      {cameraOpen && (
        <CameraModal
          onClose={() => setCameraOpen(false)}
          onCapture={(file) => {
            setCameraOpen(false);
            void upload([file]);
          }}
        />
      )}
    </section>
  );
}
