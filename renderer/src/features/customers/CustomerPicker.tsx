// Choosing a customer from the whole catalogue: an ARIA combobox that asks customers.list as you type (name, contact,
// phone, email), so customer #600 is as reachable as the first one. Used by every customer field and filter.
import { Plus, X } from 'lucide-react';
import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDto } from '../../../../electron/contract';
import { api } from '../../api/client';
import './customerPicker.css';
import { CUSTOMER_PICKER_LIMIT } from './pickerLimit';

const SEARCH_DEBOUNCE_MS = 150;

export interface PickedCustomer {
  id: string;
  name: string;
}

interface CustomerPickerProps {
  /** The chosen customer's id, or '' for none. */
  value: string;
  /** The chosen customer's name when the caller knows it (else it is read with customers.get). */
  selectedName?: string | null | undefined;
  onChange: (customer: PickedCustomer | null) => void;
  /** What "no customer" means here ("Sin cliente", "Todos los clientes"); shown as the placeholder and the clear button's purpose. */
  emptyLabel: string;
  /** Offers "Nuevo cliente «typed»" as the last option; receives what was typed. */
  onCreate?: (typed: string) => void;
  name?: string;
  className?: string | undefined;
  // Set by <Field> (label, error) or given directly in a filter bar.
  id?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'data-filter'?: string;
}

type Option = { kind: 'customer'; customer: CustomerDto } | { kind: 'create' };

/** The chosen customer's name: given by the caller, else read once with customers.get. */
function useSelectedName(value: string, known: string | null | undefined): string {
  const [read, setRead] = useState<PickedCustomer | null>(null);
  useEffect(() => {
    if (!value || known) return;
    let current = true;
    api.call('customers.get', { id: value }).then(
      (c) => current && setRead({ id: c.id, name: c.name }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [value, known]);
  if (!value) return '';
  return known ?? (read?.id === value ? read.name : '');
}

/** The first matches of `query`, asked again (debounced) whenever it changes while the list is open. */
function useMatches(query: string, open: boolean) {
  const [matches, setMatches] = useState<CustomerDto[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!open) return;
    let current = true;
    setLoading(true);
    const timer = window.setTimeout(() => {
      const q = query.trim();
      api.call('customers.list', { ...(q ? { q } : {}), limit: CUSTOMER_PICKER_LIMIT }).then(
        (rows) => {
          if (!current) return;
          setMatches(rows);
          setLoading(false);
        },
        () => current && setLoading(false),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [query, open]);
  return { matches, loading };
}

/**
 * Where the open list goes: fixed to the viewport under the box (above it when there is no room below), so a dialog's
 * scrolling body does not clip it. Followed on scroll and resize while open.
 */
function useListPosition(anchor: RefObject<HTMLInputElement | null>, open: boolean): CSSProperties | undefined {
  const [style, setStyle] = useState<CSSProperties>();
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const box = anchor.current?.getBoundingClientRect();
      if (!box) return;
      const below = window.innerHeight - box.bottom - 8;
      const above = box.top - 8;
      const up = below < 180 && above > below;
      const maxHeight = Math.max(120, Math.min(260, up ? above : below));
      setStyle({ position: 'fixed', left: box.left, width: Math.max(box.width, 220), maxHeight, ...(up ? { bottom: window.innerHeight - box.top + 2 } : { top: box.bottom + 2 }) });
    };
    place();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [anchor, open]);
  return style;
}

const detailOf = (c: CustomerDto) => [c.contactName, c.phone, c.town].filter(Boolean).join(' · ');

export function CustomerPicker({ value, selectedName, onChange, emptyLabel, onCreate, name, className, id, 'data-filter': dataFilter, ...aria }: CustomerPickerProps) {
  const { t } = useTranslation('customers');
  const ownId = useId();
  const inputId = id ?? `${ownId}-input`;
  const listId = `${ownId}-list`;
  const chosenName = useSelectedName(value, selectedName);
  const [text, setText] = useState(chosenName);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const editing = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const { matches, loading } = useMatches(text === chosenName ? '' : text, open);

  // New matches: no highlighted row until the arrows pick one (the old index would point at another customer).
  useEffect(() => setActive(-1), [matches]);

  // Shows the chosen name whenever nobody is typing (a new value, a name read late, a cleared filter).
  useEffect(() => {
    if (!editing.current) setText(chosenName);
  }, [chosenName]);

  const typed = text.trim();
  const options: Option[] = [
    ...matches.map((customer) => ({ kind: 'customer' as const, customer })),
    ...(onCreate ? [{ kind: 'create' as const }] : []),
  ];
  const optionId = (index: number) => `${ownId}-option-${index}`;

  function close(restore: boolean) {
    setOpen(false);
    setActive(-1);
    editing.current = false;
    if (restore) setText(chosenName);
  }

  function choose(option: Option | undefined) {
    if (!option) return;
    close(false);
    if (option.kind === 'create') {
      setText(chosenName);
      onCreate?.(typed);
      return;
    }
    setText(option.customer.name);
    onChange({ id: option.customer.id, name: option.customer.name });
  }

  function clear() {
    close(false);
    setText('');
    onChange(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const last = options.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        setActive((i) => (i >= last ? 0 : i + 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) setOpen(true);
        setActive((i) => (i <= 0 ? last : i - 1));
        break;
      case 'Enter':
        // Enter picks the highlighted match (or the only one); it never submits the form half-chosen.
        if (!open) return;
        event.preventDefault();
        choose(options[active >= 0 ? active : matches.length === 1 ? 0 : -1]);
        break;
      case 'Escape':
        // The first Escape closes the list (not the dialog or the ticket around it).
        if (!open && text === chosenName) return;
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case 'Tab':
        if (open) close(true);
        break;
    }
  }

  const showList = open && (options.length > 0 || !loading);
  const listStyle = useListPosition(input, showList);
  return (
    <div className={`customer-picker${className ? ` ${className}` : ''}`} data-filter={dataFilter}>
      <input
        {...aria}
        ref={input}
        id={inputId}
        name={name}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        placeholder={emptyLabel}
        value={text}
        onChange={(e) => {
          editing.current = true;
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // Emptied and left: no customer. Anything else half-typed goes back to the chosen name.
          if (text.trim() === '' && value) clear();
          else close(true);
        }}
      />
      {value && (
        <button type="button" className="customer-picker-clear" aria-label={t('picker.clear', { name: chosenName, none: emptyLabel })} title={emptyLabel} onClick={clear}>
          <X size={12} aria-hidden="true" />
        </button>
      )}
      <ul id={listId} role="listbox" aria-label={t('picker.matches')} className="customer-picker-list" hidden={!showList} style={listStyle}>
        {matches.length === 0 && !loading && (
          <li className="customer-picker-empty" role="presentation">
            {typed ? t('picker.noMatch', { text: typed }) : t('picker.noCustomers')}
          </li>
        )}
        {options.map((option, index) => (
          <li
            key={option.kind === 'customer' ? option.customer.id : 'create'}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={`customer-picker-option${option.kind === 'create' ? ' is-create' : ''}`}
            // Keeps the focus in the box, so the blur does not close the list before the click lands.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(option)}
          >
            {option.kind === 'customer' ? (
              <>
                <span className="customer-picker-name">{option.customer.name}</span>
                {detailOf(option.customer) && <span className="customer-picker-detail">{detailOf(option.customer)}</span>}
              </>
            ) : (
              <span className="customer-picker-name">
                <Plus size={12} aria-hidden="true" /> {typed ? t('picker.createNamed', { name: typed }) : t('picker.create')}
              </span>
            )}
          </li>
        ))}
        {matches.length >= CUSTOMER_PICKER_LIMIT && (
          <li className="customer-picker-more" role="presentation">
            {t('picker.more', { count: CUSTOMER_PICKER_LIMIT })}
          </li>
        )}
      </ul>
    </div>
  );
}
