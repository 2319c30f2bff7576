// A photo at display size (≤ 1600 px), with its original to download.
import { Download } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentDisplayDto, AttachmentDto } from '../../../../electron/contract/attachments';
import { api } from '../../api/client';
import { Modal } from '../../components/Modal';
import { attachmentError } from './errors';

export function AttachmentViewer({ attachment, onClose, onDownload }: { attachment: AttachmentDto; onClose: () => void; onDownload: () => void }) {
  const { t } = useTranslation('attachments');
  const [shown, setShown] = useState<AttachmentDisplayDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('attachments.display', { id: attachment.id }).then(setShown, (e: unknown) => setError(attachmentError(t, e)));
  }, [attachment.id, t]);
  return (
    <Modal
      title={attachment.fileName}
      open
      onClose={onClose}
      wide
      footer={
        <button type="button" className="btn" onClick={onDownload}>
          <Download size={14} aria-hidden="true" />
          {t('downloadOriginal')}
        </button>
      }
    >
      {error && <p role="alert" className="field-error">{error}</p>}
      {!error && !shown && <p className="muted">{t('loading')}</p>}
      {shown && <img className="attachment-display" src={shown.dataUrl} width={shown.width} height={shown.height} alt={t('photoAlt', { name: attachment.fileName })} />}
    </Modal>
  );
}
