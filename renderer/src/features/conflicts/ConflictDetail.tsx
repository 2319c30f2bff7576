// The detail pane: what collided, both sides next to each other, and the ways to settle it (or how it was settled).
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictDto, ConflictResolutionDto } from '../../../../electron/contract/conflicts';
import { formatDateTime, formatRelative } from '../../lib/format';
import { CloseUndoneConflict } from './CloseUndoneConflict';
import { ClosedTicketConflict } from './ClosedTicketConflict';
import { subjectOf } from './describe';
import { DuplicateCustomerConflict } from './DuplicateCustomerConflict';
import { DuplicateSerialConflict } from './DuplicateSerialConflict';
import { EditConflict } from './EditConflict';
import { StartedCancelledConflict } from './StartedCancelledConflict';

function Resolution({ resolution, later = false }: { resolution: ConflictResolutionDto; later?: boolean }) {
  const { t } = useTranslation('conflicts');
  const { choice } = resolution;
  const person = resolution.resolvedBy?.fullName ?? t('stamp.unknownPerson');
  const who = resolution.deviceName ? t('stamp.personOnDevice', { person, device: resolution.deviceName }) : person;
  const detail =
    // What was kept or written, in its words: "a new text" alone left the reader to guess which.
    choice.action === 'choose' || choice.action === 'edit'
      ? t(`resolution.${choice.action}`, { value: choice.value ?? '' })
      : choice.action === 'cancel' || choice.action === 'reopen' || choice.action === 'keep_open'
        ? t(`resolution.${choice.action}`, { reason: choice.reason })
        : t(`resolution.${choice.action}`);
  return (
    <div className="conflict-resolution" role="note">
      <strong>{t(later ? 'resolution.alsoBy' : 'resolution.by', { name: who })}</strong>
      <span className="muted" title={formatDateTime(resolution.at)}>
        {' · '}
        {formatRelative(resolution.at)}
      </span>
      <div>{detail}</div>
      {resolution.note && <div className="muted">{t('resolution.note', { note: resolution.note })}</div>}
    </div>
  );
}

function Body({ conflict }: { conflict: ConflictDto }) {
  const open = conflict.status === 'open';
  switch (conflict.kind) {
    case 'concurrent_edit':
      return <EditConflict key={conflict.id} conflict={conflict} open={open} />;
    case 'closed_ticket_open_ot':
      return <ClosedTicketConflict key={conflict.id} conflict={conflict} open={open} />;
    case 'duplicate_serial':
      return <DuplicateSerialConflict key={conflict.id} conflict={conflict} open={open} />;
    case 'duplicate_customer':
      return <DuplicateCustomerConflict key={conflict.id} conflict={conflict} open={open} />;
    case 'ticket_close_undone':
      return <CloseUndoneConflict key={conflict.id} conflict={conflict} open={open} />;
    case 'started_ot_cancelled':
      return <StartedCancelledConflict key={conflict.id} conflict={conflict} open={open} />;
  }
}

export const ConflictDetail = forwardRef<HTMLHeadingElement, { conflict: ConflictDto }>(function ConflictDetail({ conflict }, headingRef) {
  const { t } = useTranslation('conflicts');
  return (
    <article className="conflict-detail" aria-labelledby="conflict-detail-title">
      <header className="conflict-detail-head">
        <span className={`badge conflict-kind conflict-kind-${conflict.kind}`}>{t(`kind.${conflict.kind}`)}</span>
        <h2 id="conflict-detail-title" ref={headingRef} tabIndex={-1}>
          {subjectOf(t, conflict)}
        </h2>
      </header>
      {conflict.status === 'open' && <p className="conflict-explain">{t(`explain.${conflict.kind}`)}</p>}
      {conflict.resolution && <Resolution resolution={conflict.resolution} />}
      {/* Decided again on another computer before it heard of the first: each decision is an edit, both are said. */}
      {conflict.laterResolutions.map((later) => (
        <Resolution key={later.id} resolution={later} later />
      ))}
      <Body conflict={conflict} />
    </article>
  );
});
