// Serial traceability: the last searched serial and every place it went.
import { sessionStore } from '../../stores/sessionStores';
import type { SerialTraceRow } from '../../../../electron/contract';
import { api } from '../../api/client';

interface TraceState {
  serial: string;
  rows: SerialTraceRow[];
  searched: boolean;
  loading: boolean;
  error: unknown;
  search(serial: string): Promise<void>;
}

export const useTrace = sessionStore<TraceState>('trace', (set, get) => ({
  serial: '',
  rows: [],
  searched: false,
  loading: false,
  error: null,

  async search(serial) {
    const serialNumber = serial.trim();
    if (!serialNumber) return set({ serial: '', rows: [], searched: false, error: null });
    set({ serial: serialNumber, loading: true, error: null });
    try {
      const rows = await api.call('workOrders.traceSerial', { serialNumber });
      // A slower earlier search must not overwrite a newer one.
      if (get().serial === serialNumber) set({ rows, searched: true, loading: false });
    } catch (error) {
      if (get().serial === serialNumber) set({ rows: [], error, searched: true, loading: false });
    }
  },
}));
