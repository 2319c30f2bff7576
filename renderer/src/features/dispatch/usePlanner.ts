// Planning a visit from the board (a drop or the "Mover a…" dialog) through workOrders.schedule, with the scheduling
// rules' questions: a double booking lists the clashing visits and asks "Programar igualmente"; a time already past
// asks whether it records a visit already done. Each answer retries with the flag the service asked for.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleClash } from '../../../../electron/contract/scheduling';
import { ApiError } from '../../api/client';
import { api } from '../../api/client';
import { toast } from '../../stores/toasts';
import { workOrderError } from '../workOrders/actions';
import { useDispatchBoard } from './boardStore';

/** What can be put on the board: an OT from the board or from the queue. */
export interface Plannable {
  id: string;
  code: string;
  version: number;
  /** Where it is now (null while unplanned). */
  technicianId: string | null;
  start: string | null;
  /** On the board already (a move); false for the queue's items (their first plan). */
  planned: boolean;
  label: string;
}

export interface PlanTarget {
  technicianId: string;
  scheduledDate: string;
}

interface Confirmations {
  confirmOverlap?: true;
  recordsPastVisit?: true;
}

/** A question the service asked about a plan, waiting for the person's answer. */
export type PlanQuestion =
  | { kind: 'double_booked'; item: Plannable; target: PlanTarget; clashes: ScheduleClash[]; confirmations: Confirmations }
  | { kind: 'scheduled_in_past'; item: Plannable; target: PlanTarget; confirmations: Confirmations };

/**
 * `refusal` may word a refusal the board knows more about (booking onto a deactivated technician's row); null leaves
 * the usual words.
 */
export function usePlanner(refusal?: (error: unknown, target: PlanTarget) => string | null) {
  const { t } = useTranslation('dispatch');
  const [question, setQuestion] = useState<PlanQuestion | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(item: Plannable, target: PlanTarget, confirmations: Confirmations): Promise<boolean> {
    setBusy(true);
    try {
      await api.call('workOrders.schedule', { id: item.id, version: item.version, ...target, ...confirmations });
      setQuestion(null);
      toast.success(t('toast.planned', { code: item.code }));
      return true;
    } catch (error) {
      const reason = error instanceof ApiError ? error.reason : undefined;
      if (reason === 'double_booked' && error instanceof ApiError) {
        const clashes = (error.shape.details?.clashes ?? []) as ScheduleClash[];
        setQuestion({ kind: 'double_booked', item, target, clashes, confirmations });
        return false;
      }
      if (reason === 'scheduled_in_past') {
        setQuestion({ kind: 'scheduled_in_past', item, target, confirmations });
        return false;
      }
      setQuestion(null);
      toast.error(refusal?.(error, target) ?? workOrderError(t, error));
      return false;
    } finally {
      setBusy(false);
      // Whatever happened, show what is true now (a stale version, someone else's move meanwhile).
      void useDispatchBoard.getState().load();
      void useDispatchBoard.getState().loadQueue();
    }
  }

  return {
    question,
    busy,
    /** Puts `item` at `target`; a question from the service waits in `question`. */
    plan: (item: Plannable, target: PlanTarget) => send(item, target, {}),
    /** The person said yes to the question: the same plan again, with the flag it asked for. */
    confirm: () => {
      if (!question) return Promise.resolve(false);
      const flag: Confirmations = question.kind === 'double_booked' ? { confirmOverlap: true } : { recordsPastVisit: true };
      return send(question.item, question.target, { ...question.confirmations, ...flag });
    },
    dismiss: () => setQuestion(null),
  };
}
