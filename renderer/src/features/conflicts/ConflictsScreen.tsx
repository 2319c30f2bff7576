// Conflictos: what a merge of the team's copies could not settle alone, for a supervisor to decide.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { useTeamStatus } from '../team/statusStore';
import { ConflictDetail } from './ConflictDetail';
import { ConflictList } from './ConflictList';
import { useConflicts, type InboxTab } from './store';
import './conflicts.css';

const TABS: InboxTab[] = ['open', 'resolved'];

export default function ConflictsScreen() {
  const { t } = useTranslation('conflicts');
  const { tab, items, selectedId, setTab, load } = useConflicts();
  const openCount = useTeamStatus((s) => s.status?.openConflicts ?? null);
  const heading = useRef<HTMLHeadingElement>(null);
  const selected = items.find((c) => c.id === selectedId) ?? null;

  useEffect(() => void load(), [load]);
  // A merge or someone else's resolution changes the inbox: team events, and the records it points at.
  useDomainEvents(
    (e) => (e.entity === 'job' ? e.kind !== 'progress' : ['conflict', 'ticket', 'workOrder', 'customer'].includes(e.entity)),
    () => void load(),
  );

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <span className="muted">{t('subtitle')}</span>
      </header>
      <div className="tabs" role="tablist" aria-label={t('tabs.label')}>
        {TABS.map((name) => (
          <button key={name} type="button" role="tab" className="tab" aria-selected={tab === name} aria-controls="conflicts-panel" onClick={() => setTab(name)}>
            {t(`tabs.${name}`)}
            {name === 'open' && openCount !== null && <span className="count">{formatNumber(openCount)}</span>}
          </button>
        ))}
      </div>
      <div id="conflicts-panel" className="split conflicts-split" role="tabpanel" aria-label={t(`tabs.${tab}`)}>
        <div className="conflicts-list-pane">
          <ConflictList onOpen={() => heading.current?.focus()} />
          {tab === 'open' && openCount !== null && openCount > items.length && items.length > 0 && (
            <p className="muted conflicts-more">{t('list.more', { shown: formatNumber(items.length), total: formatNumber(openCount) })}</p>
          )}
        </div>
        <div className="conflicts-detail-pane">
          {selected ? <ConflictDetail key={selected.id} ref={heading} conflict={selected} /> : <div className="empty">{t(`detail.none.${tab}`)}</div>}
        </div>
      </div>
    </div>
  );
}
