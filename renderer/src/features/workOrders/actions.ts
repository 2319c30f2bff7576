// Runs one work-order command: success replaces the open OT; a stale version reloads it and says so.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { WorkOrderDetail } from '../../../../electron/contract';
import { ApiError } from '../../api/client';
import { errorMessage, errorWords } from '../../lib/errors';
import { toast } from '../../stores/toasts';
import { useWorkOrders } from './store';

/** Feature-specific reasons first (workOrders:reason.*), then the shared translations. */
export function workOrderError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.reason) {
    const key = `workOrders:reason.${error.reason}`;
    if (t(key, { defaultValue: '' })) return t(key, errorWords(error));
  }
  return errorMessage(t, error);
}

export function useWorkOrderAction() {
  const { t } = useTranslation('workOrders');
  return async function run(id: string, command: () => Promise<WorkOrderDetail>, success?: string): Promise<boolean> {
    try {
      useWorkOrders.getState().setDetail(await command());
      if (success) toast.success(success);
      return true;
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'CONFLICT' || error.code === 'INVALID_TRANSITION')) {
        await useWorkOrders.getState().loadDetail(id);
      }
      toast.error(workOrderError(t, error));
      return false;
    }
  };
}
