// Status tabs with counts, the filter selects and the search box (debounced; Escape clears it and goes back to the list).
import { Search, X } from 'lucide-react';
import { forwardRef, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_PRIORITIES } from '../../../../shared/enums';
import { SLA_FILTERS } from '../../../../shared/sla';
import { formatCount } from '../../lib/format';
import { leaveSearchOnEscape } from '../../lib/searchKeys';
import { useLookups } from './lookups';
import { SORTS, TABS, tabCount, useTicketList, type TicketFilters as Filters, type TicketSort } from './store';
import { ticketListElement } from './TicketList';
import { ChoiceSelect, namedChoices, personChoices } from '../../components/ChoiceSelect';
import { CustomerPicker, type PickedCustomer } from '../customers/CustomerPicker';

const SEARCH_DEBOUNCE_MS = 250;

export function StatusTabs() {
  const { t } = useTranslation('tickets');
  const { tab, counts, setTab } = useTicketList();
  return (
    <div className="tabs" role="tablist" aria-label={t('tabs.label')}>
      {TABS.map((name) => {
        const count = tabCount(counts, name);
        return (
          <button key={name} type="button" role="tab" className="tab" aria-selected={tab === name} data-tab={name} onClick={() => setTab(name)}>
            {t(`tabs.${name}`)}
            {count !== null && <span className="count">{formatCount(count.count, count.atLeast)}</span>}
          </button>
        );
      })}
    </div>
  );
}

/** `onOpenFound`: Enter on a search already run that found one ticket opens it (Enter otherwise runs the search now). */
export const SearchBox = forwardRef<HTMLInputElement, { onOpenFound: (id: string) => void }>(function SearchBox({ onOpenFound }, ref) {
  const { t } = useTranslation('tickets');
  const q = useTicketList((s) => s.filters.q);
  const setFilters = useTicketList((s) => s.setFilters);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (text === q) return;
    const timer = window.setTimeout(() => setFilters({ q: text }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, q, setFilters]);
  return (
    <div className="ticket-search" role="search">
      <Search size={14} aria-hidden="true" className="ticket-search-icon" />
      <input
        ref={ref}
        type="search"
        aria-label={t('searchLabel')}
        placeholder={t('searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            const { items, loading } = useTicketList.getState();
            const found = text === q && text.trim() !== '' && !loading && items.length === 1 ? items[0] : undefined;
            if (found) onOpenFound(found.id);
            else setFilters({ q: text });
          }
          leaveSearchOnEscape(
            e,
            () => {
              setText('');
              setFilters({ q: '' });
            },
            '.ticket-list',
          );
          // ↓ goes on to the rows found, at the highlighted one; with none, the box keeps the focus.
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            ticketListElement()?.focus();
          }
        }}
      />
      <span className="kbd" aria-hidden="true">
        /
      </span>
    </div>
  );
});

export function FilterBar() {
  const { t } = useTranslation('tickets');
  const { filters, setFilters, clearFilters, sort, setSort } = useTicketList();
  const { categories, users } = useLookups();
  // The name of the customer chosen here (a filter restored from elsewhere has only the id: the picker reads it).
  const [picked, setPicked] = useState<PickedCustomer | null>(null);
  const bind = (key: keyof Filters) => ({
    value: filters[key],
    className: filters[key] ? 'is-set' : undefined,
    onChange: (e: React.ChangeEvent<HTMLSelectElement>) => setFilters({ [key]: e.target.value } as Partial<Filters>),
  });
  const active = filters.priority || filters.assignee || filters.categoryId || filters.customerId || filters.sla;
  return (
    <div className="ticket-filters" role="group" aria-label={t('filters.label')}>
      <label className="filter">
        <span className="sr-only">{t('filters.priority')}</span>
        <ChoiceSelect
          {...bind('priority')}
          data-filter="priority"
          emptyLabel={t('filters.anyPriority')}
          choices={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`common:priority.${p}`) }))}
        />
      </label>
      <label className="filter">
        <span className="sr-only">{t('filters.assignee')}</span>
        <ChoiceSelect
          {...bind('assignee')}
          data-filter="assignee"
          emptyLabel={t('filters.anyAssignee')}
          choices={[{ value: 'me', label: t('filters.mine') }, { value: 'unassigned', label: t('filters.unassigned') }, ...personChoices(users)]}
        />
      </label>
      <label className="filter">
        <span className="sr-only">{t('filters.category')}</span>
        <ChoiceSelect {...bind('categoryId')} data-filter="category" emptyLabel={t('filters.anyCategory')} choices={namedChoices(categories)} />
      </label>
      <div className="filter">
        <CustomerPicker
          value={filters.customerId}
          selectedName={picked?.id === filters.customerId ? picked.name : null}
          onChange={(customer) => {
            setPicked(customer);
            setFilters({ customerId: customer?.id ?? '' });
          }}
          emptyLabel={t('filters.anyCustomer')}
          aria-label={t('filters.customer')}
          className={filters.customerId ? 'is-set' : undefined}
          data-filter="customer"
        />
      </div>
      <label className="filter">
        <span className="sr-only">{t('sla.filter.label')}</span>
        <ChoiceSelect
          {...bind('sla')}
          data-filter="sla"
          emptyLabel={t('sla.filter.any')}
          choices={SLA_FILTERS.map((value) => ({ value, label: t(`sla.filter.${value}`) }))}
        />
      </label>
      <label className="filter">
        <span className="sr-only">{t('filters.sort')}</span>
        <select value={sort} onChange={(e) => setSort(e.target.value as TicketSort)} data-filter="sort">
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" className="btn btn-ghost" onClick={clearFilters}>
          <X size={14} aria-hidden="true" />
          {t('filters.clear')}
        </button>
      )}
    </div>
  );
}
