// The fault as the customer reported it (the ticket's description), on the OT: the technician reads it on Mi día and
// needs it again once the OT is open, without going to the ticket.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useDomainEvents } from '../../lib/live';

function useTicketDescription(ticketId: string): string | null {
  const [description, setDescription] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  useDomainEvents((e) => e.entity === 'ticket' && e.id === ticketId, () => setReloads((n) => n + 1));
  useEffect(() => {
    let current = true;
    api.call('tickets.get', { id: ticketId }).then(
      (ticket) => current && setDescription(ticket.description),
      () => current && setDescription(null),
    );
    return () => {
      current = false;
    };
  }, [ticketId, reloads]);
  return description;
}

export function TicketFault({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('workOrders');
  const description = useTicketDescription(ticketId)?.trim();
  if (!description) return null;
  return (
    <section className="card" aria-labelledby="ot-fault-title">
      <h2 id="ot-fault-title">{t('detail.fault')}</h2>
      <p className="ot-notes">{description}</p>
    </section>
  );
}
