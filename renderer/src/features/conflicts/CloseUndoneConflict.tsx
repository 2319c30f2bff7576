// A close one copy made, undone by a status move another copy made offline: close the ticket again, or keep it open.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketCloseUndoneConflictDto } from '../../../../electron/contract/conflicts';
import { TicketStatusBadge } from '../../components/Badge';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { ActionChoice, Facts, Failure, Side, Stamp, useResolve } from './parts';

const ACTIONS = ['close', 'keep_open'] as const;
type Action = (typeof ACTIONS)[number];

export function CloseUndoneConflict({ conflict, open }: { conflict: TicketCloseUndoneConflictDto; open: boolean }) {
  const { t } = useTranslation('conflicts');
  const { busy, failure, resolve } = useResolve(conflict);
  const [action, setAction] = useState<Action>('close');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const { ticket, close, changed } = conflict;
  const status = (value: string | null) => (value ? t(`common:ticketStatus.${value}`) : '—');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (action === 'close') return void resolve({ action });
    const value = reason.trim();
    if (!value) return setError(t('common:validation.required'));
    setError(undefined);
    void resolve({ action, reason: value });
  }

  return (
    <>
      {open && <p className="conflict-notice">{t('closeUndone.now', { status: status(ticket.status) })}</p>}
      <div className="conflict-sides">
        <Side label={t('closeUndone.closeSide')} title={<a href={hrefFor({ name: 'tickets', id: ticket.id })}>{ticket.code}</a>} tag={<TicketStatusBadge status="closed" />}>
          <p className="conflict-title">{ticket.title}</p>
          <Stamp stamp={conflict.closed} verb={t('closeUndone.closedBy')} />
          <Facts
            rows={[
              [t('closeUndone.resolution'), close.resolution],
              [t('closeUndone.closedAt'), formatDateTime(close.closedAt)],
            ]}
          />
        </Side>
        <Side
          label={t('closeUndone.changeSide')}
          title={changed ? t('closeUndone.move', { from: status(changed.from), to: status(changed.to) }) : t('closeUndone.changeSide')}
          tag={<TicketStatusBadge status={changed?.to ?? ticket.status} />}
        >
          {changed ? <Stamp stamp={changed} verb={t('closeUndone.changedBy')} /> : <p className="muted">{t('closeUndone.unknownChange')}</p>}
        </Side>
      </div>
      {open && (
        <form className="conflict-actions" onSubmit={submit} noValidate>
          <Failure text={failure} />
          <ActionChoice name={`close-undone-action-${conflict.id}`} prefix="closeUndone" actions={ACTIONS} value={action} onChange={setAction} />
          {action === 'keep_open' && (
            <Field label={t('closeUndone.keep_open.text')} error={error}>
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
            </Field>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t(`closeUndone.${action}.submit`)}
          </button>
        </form>
      )}
    </>
  );
}
