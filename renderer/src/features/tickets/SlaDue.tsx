// SLA due dates on screen: a chip per list row and the two clocks in the ticket's facts, counting down live.
import { AlarmClock, CheckCircle2, PauseCircle, XCircle } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketSlaSummary } from '../../../../electron/contract';
import type { SlaState, TicketSla } from '../../../../shared/sla';
import { formatLongDuration } from '../../lib/format';
import { useCompanyZone } from '../../lib/timeZone';
import { slaChip, slaLine } from './sla';

/** Re-renders every `everyMs` so a due turns amber and red while the screen stays open. */
export function useNowMs(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'es-ES');

function StateIcon({ state }: { state: SlaState }) {
  const Icon = state === 'met' ? CheckCircle2 : state === 'paused' ? PauseCircle : state === 'breached' || state === 'missed' ? XCircle : AlarmClock;
  return <Icon size={13} aria-hidden="true" />;
}

export function SlaChip({ sla }: { sla: TicketSlaSummary | null }) {
  const { t, i18n } = useTranslation('tickets');
  const zone = useCompanyZone();
  const now = useNowMs();
  if (!sla) return null;
  const chip = slaChip(t, sla, now, zone, locale(i18n.language), formatLongDuration);
  // The short text on screen; the whole sentence for the pointer and the screen reader.
  const sentence = slaLine(t, sla.kind, sla, now, zone, locale(i18n.language), formatLongDuration).text;
  return (
    <span className={`sla-chip sla-${chip.state}`} data-sla-state={chip.state} title={`${t('sla.title')}: ${sentence}`} aria-label={`${t('sla.title')}: ${sentence}`}>
      <StateIcon state={chip.state} />
      {/* Its own box, so a chip squeezed in a narrow list row ends in an ellipsis instead of a cut word. */}
      <span className="sla-chip-text">{chip.text}</span>
    </span>
  );
}

export function SlaFacts({ clocks }: { clocks: TicketSla }) {
  const { t, i18n } = useTranslation('tickets');
  const zone = useCompanyZone();
  const now = useNowMs();
  return (
    <>
      {(['response', 'resolution'] as const).map((kind) => {
        const line = slaLine(t, kind, clocks[kind], now, zone, locale(i18n.language), formatLongDuration);
        return (
          <div key={kind} className="ticket-sla-fact" data-sla-kind={kind}>
            <dt>{t(`sla.kind.${kind}`)}</dt>
            <dd>
              <span className={`sla-chip sla-${line.state}`} data-sla-state={line.state}>
                <StateIcon state={line.state} />
                {line.text}
              </span>
            </dd>
          </div>
        );
      })}
    </>
  );
}
