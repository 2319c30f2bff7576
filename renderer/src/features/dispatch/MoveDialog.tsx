// "Mover a…" ("Programar …" for a queue item, not yet planned): the keyboard's way to do what a drag does — pick the technician, the day and the time of a visit.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardTechnician } from '../../../../electron/contract/dispatchBoard';
import type { LocalDate } from '../../../../electron/contract/zonedTime';
import { DateTimeInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { Modal } from '../../components/Modal';
import { useOnOpening } from '../../lib/opening';
import { hrefFor } from '../../lib/router';
import { useCompanyZone } from '../../lib/timeZone';
import { fromLocalInput, isPastInput, nextWholeHourInput, toLocalInput } from '../workOrders/dates';
import { TechnicianPicker } from '../workOrders/TechnicianPicker';
import { DEFAULT_START } from './boardLayout';
import type { Plannable, PlanTarget } from './usePlanner';

/** An unplanned visit starts at 09:00 of the day on screen, or at the next whole hour when that is already past. */
function startOfNewPlan(zone: string, day: LocalDate): string {
  const nine = `${day}T${DEFAULT_START}`;
  return isPastInput(nine, zone) ? nextWholeHourInput(zone) : nine;
}

interface Props {
  item: Plannable | null;
  /** Those who can be chosen (the active ones): a visit held by anyone else starts with no technician chosen. */
  technicians: BoardTechnician[];
  /** Where an unplanned visit starts out: the first technician and day on screen. */
  fallback: { technicianId: string; day: LocalDate };
  onSubmit: (item: Plannable, target: PlanTarget) => void;
  onClose: () => void;
}

export function MoveDialog({ item, technicians, fallback, onSubmit, onClose }: Props) {
  const { t } = useTranslation('dispatch');
  const zone = useCompanyZone();
  const [technicianId, setTechnicianId] = useState('');
  const [when, setWhen] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  // Only on opening: a live reload of the board must not undo what is being chosen.
  useOnOpening(item?.id ?? null, () => {
    const start = item?.technicianId ?? fallback.technicianId;
    setTechnicianId(technicians.some((u) => u.id === start) ? start : '');
    setWhen(item?.start ? toLocalInput(item.start, zone) : startOfNewPlan(zone, fallback.day));
    setErrors({});
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!item) return;
    const scheduledDate = fromLocalInput(when, zone);
    const found: Record<string, string> = {};
    if (!technicianId) found.technicianId = t('common:validation.required');
    if (!scheduledDate) found.scheduledDate = t('common:validation.required');
    setErrors(found);
    if (!scheduledDate || !technicianId) return;
    onSubmit(item, { technicianId, scheduledDate });
  }

  // A queue item's first plan, not a move: the title and the button say so.
  const firstPlan = item?.planned === false;
  return (
    <Modal
      title={item ? t(firstPlan ? 'move.firstTitle' : 'move.title', { code: item.code }) : ''}
      open={item !== null}
      onClose={onClose}
      footer={<FormFooter formId="board-move" busy={false} submit={t(firstPlan ? 'move.firstSubmit' : 'move.submit')} onClose={onClose} />}
    >
      {item && (
        <form id="board-move" onSubmit={submit} noValidate>
          <p className="muted board-move-what">
            {item.label} · <a href={hrefFor({ name: 'workOrders', id: item.id })}>{t('move.open')}</a>
          </p>
          <TechnicianPicker technicians={technicians} value={technicianId} onChange={setTechnicianId} error={errors.technicianId} />
          <Field label={t('move.when')} error={errors.scheduledDate}>
            <DateTimeInput value={when} onChange={setWhen} required />
          </Field>
        </form>
      )}
    </Modal>
  );
}
