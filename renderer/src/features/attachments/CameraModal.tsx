// The laptop camera in a dialog: live picture, one button to take a photo (a JPEG of the current frame).
import { Camera } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import type { PickedFile } from './upload';

/** Whether this computer has a camera at all (labels need a permission; the kind does not). */
export async function hasCamera(): Promise<boolean> {
  if (!navigator.mediaDevices?.enumerateDevices || !navigator.mediaDevices.getUserMedia) return false;
  try {
    return (await navigator.mediaDevices.enumerateDevices()).some((device) => device.kind === 'videoinput');
  } catch {
    return false;
  }
}

const stamp = (when: Date) => when.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

export function CameraModal({ onCapture, onClose }: { onCapture: (file: PickedFile) => void; onClose: () => void }) {
  const { t } = useTranslation('attachments');
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let cancelled = false;
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((media) => {
        if (cancelled) return media.getTracks().forEach((track) => track.stop());
        stream = media;
        if (video.current) {
          video.current.srcObject = media;
          void video.current.play().then(() => setReady(true));
        }
      })
      .catch(() => setError(t('cameraDenied')));
    // The camera light goes off as soon as the dialog closes.
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [t]);

  function capture() {
    const frame = video.current;
    if (!frame || !frame.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = frame.videoWidth;
    canvas.height = frame.videoHeight;
    canvas.getContext('2d')?.drawImage(frame, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (!blob) return;
        onCapture({ name: `foto-${stamp(new Date())}.jpg`, size: blob.size, bytes: async () => new Uint8Array(await blob.arrayBuffer()) });
      },
      'image/jpeg',
      0.9,
    );
  }

  return (
    <Modal
      title={t('camera')}
      open
      onClose={onClose}
      wide
      footer={
        <button type="button" className="btn btn-primary" onClick={capture} disabled={!ready}>
          <Camera size={14} aria-hidden="true" />
          {t('takePhoto')}
        </button>
      }
    >
      {error ? <p role="alert" className="field-error">{error}</p> : <video ref={video} className="attachment-camera" muted playsInline aria-label={t('cameraPreview')} />}
    </Modal>
  );
}
