// The fault as the customer reported it (the ticket's title in bold, then its description), on the OT: the technician
// reads it so on Mi día and needs it again, the same way, once the OT is open, without going to the ticket.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useDomainEvents } from '../../lib/live';

interface Fault {
  title: string;
  description: string;
}

function useTicketFault(ticketId: string): Fault | null {
  const [fault, setFault] = useState<Fault | null>(null);
  const [reloads, setReloads] = useState(0);
  useDomainEvents((e) => e.entity === 'ticket' && e.id === ticketId, () => setReloads((n) => n + 1));
  useEffect(() => {
    let current = true;
    api.call('tickets.get', { id: ticketId }).then(
      (ticket) => current && setFault({ title: ticket.title.trim(), description: ticket.description.trim() }),
      () => current && setFault(null),
    );
    return () => {
      current = false;
    };
  }, [ticketId, reloads]);
  return fault;
}

export function TicketFault({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('workOrders');
  const fault = useTicketFault(ticketId);
  if (!fault || (!fault.title && !fault.description)) return null;
  return (
    <section className="card" aria-labelledby="ot-fault-title">
      <h2 id="ot-fault-title">{t('detail.fault')}</h2>
      {/* As on Mi día: the title in bold, the description below when it says more. */}
      <p className="ot-fault-title">
        <strong>{fault.title}</strong>
      </p>
      {fault.description && fault.description !== fault.title && <p className="ot-notes">{fault.description}</p>}
    </section>
  );
}
