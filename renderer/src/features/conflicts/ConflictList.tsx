// The inbox list: one row per conflict (kind, what collided, who and when on each side); arrows move, Enter opens.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictDto } from '../../../../electron/contract/conflicts';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { sidesOf, subjectOf, whoOf } from './describe';
import { useConflicts } from './store';

function Row({ conflict, selected, onOpen }: { conflict: ConflictDto; selected: boolean; onOpen: () => void }) {
  const { t } = useTranslation('conflicts');
  const sides = sidesOf(conflict);
  const latest = sides.map((s) => s.at).filter((at): at is string => Boolean(at)).sort().at(-1);
  const when = conflict.resolution?.at ?? latest ?? conflict.createdAt;
  return (
    <div
      id={`conflict-row-${conflict.id}`}
      role="option"
      aria-selected={selected}
      className={`conflict-row${selected ? ' is-selected' : ''}`}
      data-conflict-id={conflict.id}
      onClick={onOpen}
    >
      <div className="conflict-row-line">
        <span className={`badge conflict-kind conflict-kind-${conflict.kind}`}>{t(`kind.${conflict.kind}`)}</span>
        <span className="conflict-when" title={formatDateTime(when)}>
          {formatRelative(when)}
        </span>
      </div>
      <div className="conflict-row-subject">{subjectOf(t, conflict)}</div>
      <div className="conflict-row-meta">
        {conflict.resolution
          ? t('list.resolvedBy', { name: conflict.resolution.resolvedBy?.fullName ?? t('stamp.unknownPerson') })
          : [...new Set(sides.map((s) => whoOf(t, s)))].join(' · ')}
      </div>
    </div>
  );
}

export function ConflictList({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation('conflicts');
  const { items, selectedId, loading, error, tab, select, move } = useConflicts();
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (selectedId) listRef.current?.querySelector(`#conflict-row-${selectedId}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, j: 1, k: -1, Home: -Infinity, End: Infinity, PageDown: 10, PageUp: -10 };
    const delta = moves[event.key];
    if (delta !== undefined) {
      event.preventDefault();
      move(Number.isFinite(delta) ? delta : delta > 0 ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER);
    } else if (event.key === 'Enter' && selectedId) {
      event.preventDefault();
      onOpen();
    }
  }

  if (error && items.length === 0) {
    return (
      <div className="empty" role="alert">
        {errorMessage(t, error)}
      </div>
    );
  }
  if (loading && items.length === 0) return <div className="empty">{t('common:state.loading')}</div>;
  if (items.length === 0) return <div className="empty">{t(`list.empty.${tab}`)}</div>;
  return (
    <div
      ref={listRef}
      className="conflict-list"
      role="listbox"
      aria-label={t(`list.label.${tab}`)}
      aria-activedescendant={selectedId ? `conflict-row-${selectedId}` : undefined}
      aria-busy={loading}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      {items.map((c) => (
        <Row
          key={c.id}
          conflict={c}
          selected={c.id === selectedId}
          onOpen={() => {
            select(c.id);
            onOpen();
          }}
        />
      ))}
    </div>
  );
}
