// The scheduling rules' questions on the board: the technician already has visits then (listed), or the time has passed.
import { AlertTriangle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import { formatDateTime, formatTime } from '../../lib/format';
import type { PlanQuestion } from './usePlanner';

interface Props {
  question: PlanQuestion | null;
  technicianName: (id: string) => string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmPlanDialog({ question, technicianName, busy, onConfirm, onClose }: Props) {
  const { t } = useTranslation('dispatch');
  const clash = question?.kind === 'double_booked';
  const footer = (
    <>
      <button type="button" className="btn" onClick={onClose}>
        {t('common:actions.cancel')}
      </button>
      {/* Both answers make an exception to a rule (a double booking, a visit in the past): neither is the easy default. */}
      <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={busy}>
        {busy ? t('common:state.saving') : clash ? t('confirm.bookAnyway') : t('confirm.recordsPastVisit')}
      </button>
    </>
  );
  return (
    <Modal title={clash ? t('confirm.clashTitle') : t('confirm.pastTitle')} open={question !== null} onClose={onClose} footer={footer}>
      {question && (
        <div className="board-confirm" role="alert">
          <AlertTriangle size={18} aria-hidden="true" className="board-confirm-icon" />
          {question.kind === 'double_booked' ? (
            <div>
              <p>
                {t('confirm.clashIntro', {
                  technician: technicianName(question.target.technicianId),
                  code: question.item.code,
                  when: formatDateTime(question.target.scheduledDate),
                })}
              </p>
              <ul className="board-confirm-list">
                {question.clashes.map((c) => (
                  <li key={c.id}>
                    <strong className="mono">{c.code}</strong> {formatDateTime(c.start)}–{formatTime(c.end)}
                  </li>
                ))}
              </ul>
              <p className="muted">{t('confirm.clashHint')}</p>
            </div>
          ) : (
            <div>
              <p>{t('confirm.pastIntro', { code: question.item.code, when: formatDateTime(question.target.scheduledDate) })}</p>
              <p className="muted">{t('confirm.pastHint')}</p>
            </div>
          )}
        </div>
      )}
    </Modal>
  );
}
