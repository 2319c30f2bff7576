// Parts used on an OT: product (from the catalog), serial number and quantity; add/remove while the OT is open.
import { Trash2 } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductDto, WorkOrderDetail } from '../../../../electron/contract';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { formatDateTime, formatNumber } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { useWorkOrderAction } from './actions';

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

function AddItemForm({ workOrder }: { workOrder: WorkOrderDetail }) {
  const { t } = useTranslation('workOrders');
  const run = useWorkOrderAction();
  const [search, setSearch] = useState('');
  const [productId, setProductId] = useState('');
  const [serialNumber, setSerialNumber] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const products = useProductSearch(search);

  useEffect(() => {
    // A search that narrows to one product picks it, so the keyboard flow is search → serial → add.
    if (products.length === 1 && products[0]) setProductId(products[0].id);
  }, [products]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const serial = serialNumber.trim();
    const qty = Number(quantity);
    if (!serial && !productId) return setError(t('items.needSomething'));
    if (!Number.isInteger(qty) || qty < 1) return setError(t('items.badQuantity'));
    setError(undefined);
    setBusy(true);
    const ok = await run(workOrder.id, () =>
      api.call('workOrders.addItem', {
        id: workOrder.id,
        version: workOrder.version,
        ...(productId ? { productId } : {}),
        ...(serial ? { serialNumber: serial } : {}),
        quantity: qty,
      }),
    );
    setBusy(false);
    if (ok) {
      setSerialNumber('');
      setQuantity('1');
    }
  }

  return (
    <form className="item-form" onSubmit={submit} noValidate aria-label={t('items.addTitle')}>
      <Field label={t('items.search')}>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('items.searchPlaceholder')} />
      </Field>
      <Field label={t('items.product')}>
        <select value={productId} onChange={(e) => setProductId(e.target.value)}>
          <option value="">{t('items.noProduct')}</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.sku})
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('items.serial')}>
        <input value={serialNumber} onChange={(e) => setSerialNumber(e.target.value)} autoComplete="off" className="mono" />
      </Field>
      <Field label={t('items.quantity')}>
        <input type="number" min={1} step={1} value={quantity} onChange={(e) => setQuantity(e.target.value)} className="qty" />
      </Field>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('items.add')}
      </button>
      {error && (
        <div className="alert item-form-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

export function WorkOrderItems({ workOrder, editable }: { workOrder: WorkOrderDetail; editable: boolean }) {
  const { t } = useTranslation('workOrders');
  const run = useWorkOrderAction();
  const [removing, setRemoving] = useState<string | null>(null);

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
              <th scope="col">{t('items.product')}</th>
              <th scope="col">{t('items.sku')}</th>
              <th scope="col">{t('items.serial')}</th>
              <th scope="col" className="num">{t('items.quantity')}</th>
              <th scope="col">{t('items.consumedAt')}</th>
              {editable && <th scope="col"><span className="sr-only">{t('common:actions.remove')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {workOrder.items.map((item) => (
              <tr key={item.id}>
                <td>{item.productName ?? <span className="muted">{t('items.noProduct')}</span>}</td>
                <td className="mono">{item.productSku ?? '—'}</td>
                <td>
                  {item.serialNumber ? (
                    <a className="mono" href={hrefFor({ name: 'trace', serial: item.serialNumber })}>
                      {item.serialNumber}
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="num">{formatNumber(item.quantity)}</td>
                <td>{formatDateTime(item.consumedAt)}</td>
                {editable && (
                  <td>
                    <button
                      type="button"
                      className="btn btn-ghost btn-icon"
                      onClick={() => void remove(item.id)}
                      disabled={removing === item.id}
                      aria-label={t('items.removeLabel', { serial: item.serialNumber ?? item.productName ?? '' })}
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
    </section>
  );
}

