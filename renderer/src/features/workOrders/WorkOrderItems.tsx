// Parts on an OT: a catalogue product or a free-text part, quantity in its unit, installed or removed, serial;
// add/remove while the OT is open.
import { Trash2 } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductDto, WorkOrderDetail, WorkOrderItemDto } from '../../../../electron/contract';
import { ITEM_DIRECTIONS, PRODUCT_UNITS, type ItemDirection, type ProductUnit } from '../../../../shared/enums';
import { api, ApiError } from '../../api/client';
import { Field } from '../../components/Field';
import { formatDateTime, formatNumber } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { useWorkOrderAction, workOrderError } from './actions';
import { parseQuantity, partFieldsOf, quantityProblem, type PartField } from './partDraft';
import { RemovePartDialog } from './RemovePartDialog';
import { useWorkOrders } from './store';

function useProductSearch(query: string): ProductDto[] {
  const [products, setProducts] = useState<ProductDto[]>([]);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api
        .call('products.list', { ...(query.trim() ? { q: query.trim() } : {}), limit: 50 })
        .then((found) => current && setProducts(found))
        .catch(() => current && setProducts([]));
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);
  return products;
}

/** "1,5 kg", "2 ud." / "1 unit", "2 units" (as the PDF prints them) — a part's quantity with its unit, in the UI language. */
export function QuantityWithUnit({ quantity, unit }: { quantity: number; unit: ProductUnit }) {
  const { t } = useTranslation('workOrders');
  return (
    <>
      {formatNumber(quantity)} {t(`unit.${unit}`, { count: quantity })}
    </>
  );
}

/** The quantity box with its unit written right after it ("1 kg"), so nobody logs kilos thinking of units. */
function QuantityField({ value, onChange, unit }: { value: string; onChange: (value: string) => void; unit: ProductUnit }) {
  const { t, i18n } = useTranslation('workOrders');
  const id = useId();
  // "1 unit", "2 units": the word agrees with what is typed (many while the box holds no number yet).
  const count = parseQuantity(value, i18n.language) ?? 2;
  return (
    <div className="field">
      <label htmlFor={id}>{t('items.quantity')}</label>
      <div className="qty-with-unit">
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} className="qty" inputMode="decimal" autoComplete="off" aria-describedby={`${id}-unit`} />
        <span id={`${id}-unit`} className="qty-unit" data-testid="quantity-unit">
          {t(`unit.${unit}`, { count })}
        </span>
      </div>
    </div>
  );
}

/** A catalogue product or a free-text part, how much (decimals in kg, m, l), which way it went, and its serial. */
function AddItemForm({ workOrder }: { workOrder: WorkOrderDetail }) {
  const { t, i18n } = useTranslation('workOrders');
  const [source, setSource] = useState<'catalog' | 'free'>('catalog');
  const [search, setSearch] = useState('');
  const [productId, setProductId] = useState('');
  const [description, setDescription] = useState('');
  const [freeUnit, setFreeUnit] = useState<ProductUnit>('unit');
  const [direction, setDirection] = useState<ItemDirection>('installed');
  const [serialNumber, setSerialNumber] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [error, setError] = useState<{ text: string; about: PartField[] } | null>(null);
  // The service's question: this serial is installed on another open OT (its code); asked once, then resent confirmed.
  const [elsewhere, setElsewhere] = useState<{ serial: string; code: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submitRef = useRef<HTMLButtonElement>(null);
  const questionRef = useRef<HTMLDivElement>(null);
  const products = useProductSearch(search);
  const product = products.find((p) => p.id === productId);
  const unit: ProductUnit = source === 'catalog' ? (product?.unit ?? 'unit') : freeUnit;

  useEffect(() => {
    // A search that narrows to one product picks it, so the keyboard flow is search → serial → add.
    if (products.length === 1 && products[0]) setProductId(products[0].id);
  }, [products]);

  useEffect(() => {
    // The question and the button that answers it are seen together, even when the form ends below the window.
    if (!elsewhere) return;
    questionRef.current?.scrollIntoView({ block: 'nearest' });
    submitRef.current?.scrollIntoView({ block: 'nearest' });
  }, [elsewhere]);

  // An error goes once what it is about changes ("serie ya registrada" when the serial does), every one with the mode.
  const edit = <T,>(field: PartField, set: (value: T) => void) => (value: T) => {
    set(value);
    setError((shown) => (shown?.about.includes(field) ? null : shown));
  };
  // Any change to the part is a new question for the service.
  const change = <T,>(field: PartField, set: (value: T) => void) =>
    edit(field, (value: T) => {
      set(value);
      setElsewhere(null);
    });
  const changeSource = (value: 'catalog' | 'free') => {
    setSource(value);
    setElsewhere(null);
    setError(null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const serial = serialNumber.trim();
    const words = description.trim();
    const qty = parseQuantity(quantity, i18n.language);
    if (source === 'catalog' ? !productId : !words) return setError({ text: t('items.needSomething'), about: ['part'] });
    const problem = quantityProblem(qty, unit);
    if (problem) return setError({ text: t(problem === 'whole' ? 'items.wholeUnits' : 'items.badQuantity'), about: ['quantity', 'part'] });
    setError(null);
    setBusy(true);
    try {
      const detail = await api.call('workOrders.addItem', {
        id: workOrder.id,
        version: workOrder.version,
        ...(source === 'catalog' ? { productId } : { description: words, unit: freeUnit }),
        ...(serial ? { serialNumber: serial } : {}),
        quantity: qty ?? 1,
        direction,
        ...(elsewhere && elsewhere.serial === serial ? { confirmSerialElsewhere: true } : {}),
      });
      useWorkOrders.getState().setDetail(detail);
      // Back to a clean form: the next part starts in units and installed, never in the last part's kg or "removed".
      setSerialNumber('');
      setQuantity('1');
      setDescription('');
      setFreeUnit('unit');
      setDirection('installed');
      setElsewhere(null);
    } catch (failure) {
      if (failure instanceof ApiError && failure.reason === 'serial_on_other_open_work_order') {
        setElsewhere({ serial, code: String(failure.shape.details?.code ?? '') });
      } else {
        if (failure instanceof ApiError && (failure.code === 'CONFLICT' || failure.code === 'INVALID_TRANSITION')) await useWorkOrders.getState().loadDetail(workOrder.id);
        setError({ text: workOrderError(t, failure), about: partFieldsOf(failure instanceof ApiError ? failure.shape.details?.field : undefined) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="item-form" onSubmit={submit} noValidate aria-label={t('items.addTitle')}>
      <fieldset className="item-choice">
        <legend>{t('items.source')}</legend>
        {(['catalog', 'free'] as const).map((value) => (
          <label key={value}>
            <input type="radio" name="item-source" value={value} checked={source === value} onChange={() => changeSource(value)} />
            {t(value === 'catalog' ? 'items.fromCatalog' : 'items.freeText')}
          </label>
        ))}
      </fieldset>
      {source === 'catalog' ? (
        <>
          <Field label={t('items.search')}>
            <input type="search" value={search} onChange={(e) => edit('part', setSearch)(e.target.value)} placeholder={t('items.searchPlaceholder')} />
          </Field>
          <Field label={t('items.product')}>
            <select className="item-product-picker" value={productId} onChange={(e) => change('part', setProductId)(e.target.value)} title={product ? `${product.name} (${product.sku})` : undefined}>
              <option value="">{t('items.noProduct')}</option>
              {products.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.sku})
                </option>
              ))}
            </select>
          </Field>
        </>
      ) : (
        <Field label={t('items.description')}>
          <input className="item-description" value={description} onChange={(e) => change('part', setDescription)(e.target.value)} maxLength={200} placeholder={t('items.descriptionPlaceholder')} />
        </Field>
      )}
      <QuantityField value={quantity} onChange={edit('quantity', setQuantity)} unit={unit} />
      <Field label={t('items.unit')}>
        {/* A catalogue product counts in its own unit; a free-text part says which. */}
        <select value={unit} onChange={(e) => edit('quantity', setFreeUnit)(e.target.value as ProductUnit)} disabled={source === 'catalog'}>
          {PRODUCT_UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`unitName.${u}`)}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="item-choice">
        <legend>{t('items.direction')}</legend>
        {ITEM_DIRECTIONS.map((value) => (
          <label key={value}>
            <input type="radio" name="item-direction" value={value} checked={direction === value} onChange={() => change('direction', setDirection)(value)} />
            {t(`items.${value}`)}
          </label>
        ))}
      </fieldset>
      {/* The question sits above the serial and the button that answers it, scrolled into view with them. */}
      {elsewhere && (
        <div className="alert item-form-question" role="alert" ref={questionRef}>
          {t('items.serialElsewhere', { serial: elsewhere.serial, code: elsewhere.code })}
        </div>
      )}
      <Field label={t('items.serial')}>
        <input value={serialNumber} onChange={(e) => change('serial', setSerialNumber)(e.target.value)} autoComplete="off" className="mono" />
      </Field>
      <button type="submit" ref={submitRef} className={`btn btn-primary item-form-submit${elsewhere ? ' is-confirm' : ''}`} disabled={busy}>
        {elsewhere ? t('items.confirmElsewhere') : t('items.add')}
      </button>
      {error && (
        <div className="alert item-form-error" role="alert">
          {error.text}
        </div>
      )}
    </form>
  );
}

export function WorkOrderItems({ workOrder, editable }: { workOrder: WorkOrderDetail; editable: boolean }) {
  const { t } = useTranslation('workOrders');
  const run = useWorkOrderAction();
  const [removing, setRemoving] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<WorkOrderItemDto | null>(null);

  async function remove(itemId: string) {
    setRemoving(itemId);
    await run(workOrder.id, () => api.call('workOrders.removeItem', { id: workOrder.id, version: workOrder.version, itemId }));
    setRemoving(null);
  }

  return (
    <section className="card" aria-labelledby="ot-items-title">
      <h2 id="ot-items-title">{t('items.title')}</h2>
      {workOrder.items.length === 0 ? (
        <p className="muted">{t('items.empty')}</p>
      ) : (
        <table className="table items-table">
          <thead>
            <tr>
              <th scope="col">{t('items.part')}</th>
              <th scope="col">{t('items.sku')}</th>
              <th scope="col">{t('items.direction')}</th>
              <th scope="col">{t('items.serial')}</th>
              <th scope="col" className="num">{t('items.quantity')}</th>
              <th scope="col">{t('items.consumedAt')}</th>
              {editable && <th scope="col"><span className="sr-only">{t('common:actions.remove')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {workOrder.items.map((item) => (
              <tr key={item.id}>
                <td>{item.productName ?? item.description ?? <span className="muted">{t('items.noProduct')}</span>}</td>
                <td className="mono">{item.productSku ?? '—'}</td>
                <td>
                  <span className={`item-direction is-${item.direction}`}>{t(`items.${item.direction}`)}</span>
                </td>
                <td>
                  {item.serialNumber ? (
                    <a className="mono" href={hrefFor({ name: 'trace', serial: item.serialNumber })}>
                      {item.serialNumber}
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="num">
                  <QuantityWithUnit quantity={item.quantity} unit={item.unit} />
                </td>
                <td>{formatDateTime(item.consumedAt)}</td>
                {editable && (
                  <td>
                    <button
                      type="button"
                      className="btn btn-ghost btn-icon"
                      onClick={() => setConfirming(item)}
                      disabled={removing === item.id}
                      aria-label={t('items.removeLabel', { serial: item.serialNumber ?? item.productName ?? item.description ?? '' })}
                    >
                      <Trash2 size={14} aria-hidden="true" />
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && <AddItemForm workOrder={workOrder} />}
      {confirming && <RemovePartDialog item={confirming} onRemove={() => remove(confirming.id)} onClose={() => setConfirming(null)} />}
    </section>
  );
}

