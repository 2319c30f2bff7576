// Categories, customers and products: one searchable table with create/edit/delete per catalog.
import { Pencil, Plus, Trash2 } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ChannelName } from '../../../../electron/contract';
import { PRODUCT_UNITS } from '../../../../shared/enums';
import { categoryCreateInput, customerCreateInput, productCreateInput } from '../../../../electron/contract/catalogs';
import { api, ApiError } from '../../api/client';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { zodFieldErrors } from '../../lib/forms';
import { useDomainEvents } from '../../lib/live';
import { hrefFor } from '../../lib/router';
import { toast } from '../../stores/toasts';
import { adminError, ConfirmDialog, FormFooter, SectionHeader, useAdminForm } from './shared';
import { useAdmin, type CatalogKind } from './store';

type FieldKind = 'text' | 'email' | 'textarea' | 'checkbox' | 'unit';
interface CatalogConfig {
  entity: 'category' | 'customer' | 'product';
  schema: z.ZodType;
  fields: [key: string, kind: FieldKind][];
  columns: string[];
  /** Columns shown on one line, cut with an ellipsis and whole in the title (the rest wrap); widths in admin.css. */
  oneLine: string[];
}

const CONFIG: Record<CatalogKind, CatalogConfig> = {
  categories: { entity: 'category', schema: categoryCreateInput, fields: [['name', 'text'], ['description', 'textarea']], columns: ['name', 'description'], oneLine: ['description'] },
  customers: {
    entity: 'customer',
    schema: customerCreateInput,
    fields: [['name', 'text'], ['contactName', 'text'], ['phone', 'text'], ['email', 'email'], ['address', 'textarea'], ['town', 'text'], ['notes', 'textarea']],
    columns: ['name', 'contactName', 'phone', 'email', 'address'],
    oneLine: ['email', 'address'],
  },
  products: {
    entity: 'product',
    schema: productCreateInput,
    fields: [['sku', 'text'], ['name', 'text'], ['unit', 'unit'], ['description', 'textarea'], ['tracksSerial', 'checkbox']],
    columns: ['sku', 'name', 'unit', 'tracksSerial', 'description'],
    oneLine: ['sku', 'description'],
  },
};

export type CatalogRow = Record<string, unknown> & { id: string; name: string };
type Row = CatalogRow;

// The three catalogs share one shape of channel (<kind>.create/update/delete), so one loosely typed caller serves them.
const callCatalog = (channel: string, input: Record<string, unknown>) =>
  (api.call as unknown as (c: ChannelName, i: unknown) => Promise<unknown>)(channel as ChannelName, input);

type FormValues = Record<string, string | boolean>;
const formValues = (config: CatalogConfig, row: Row | null): FormValues =>
  Object.fromEntries(config.fields.map(([key, type]) => [key, type === 'checkbox' ? Boolean(row?.[key]) : String(row?.[key] ?? (type === 'unit' ? 'unit' : ''))]));

/** The row as it is stored now (after someone else's save): customers by id, the smaller catalogs from their list. */
async function readRow(kind: CatalogKind, id: string): Promise<Row> {
  if (kind === 'customers') return (await api.call('customers.get', { id })) as unknown as Row;
  const rows = (kind === 'categories' ? await api.call('categories.list', {}) : await api.call('products.list', { limit: 500 })) as unknown as Row[];
  const row = rows.find((r) => r.id === id);
  if (!row) throw new ApiError({ code: 'NOT_FOUND', message: `${kind} ${id} not found`, details: { reason: 'not_found' } });
  return row;
}

/** Create (no row) or edit a catalog row; also the customer page's *Editar*. */
export function CatalogForm({ kind, row, onClose }: { kind: CatalogKind; row: Row | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const config = CONFIG[kind];
  const [form, setForm] = useState<FormValues>(() => formValues(config, row));
  // The version the form was filled from: an update sends it back, so saving over a newer change is a CONFLICT.
  const [version, setVersion] = useState(row ? Number(row.version) : 0);
  const { errors, setErrors, failure, busy, send } = useAdminForm(t, {
    fields: config.fields.map(([key]) => key),
    reload: async () => {
      if (!row) return;
      const fresh = await readRow(kind, row.id);
      setForm(formValues(config, fresh));
      setVersion(Number(fresh.version));
      void useAdmin.getState().loadCatalog(kind);
    },
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Empty optional text goes as null, so clearing a field really clears it.
    const input = Object.fromEntries(config.fields.map(([key, type]) => [key, type === 'checkbox' || type === 'unit' ? form[key] : String(form[key]).trim() || (key === 'name' || key === 'sku' ? '' : null)]));
    const found = zodFieldErrors(t, config.schema, input);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await send(async () => {
      await callCatalog(row ? `${kind}.update` : `${kind}.create`, row ? { id: row.id, version, ...input } : input);
      toast.success(t('catalog.saved'));
      void useAdmin.getState().loadCatalog(kind);
      onClose();
    });
  }

  return (
    <Modal title={t(row ? `${kind}.editTitle` : `${kind}.createTitle`)} open onClose={onClose} footer={<FormFooter formId="catalog-form" busy={busy} submit={t('common:actions.save')} onClose={onClose} />}>
      <form id="catalog-form" onSubmit={submit} noValidate>
        {failure && <div className="alert" role="alert">{failure}</div>}
        {config.fields.map(([key, type]) =>
          type === 'checkbox' ? (
            <label key={key} className="check-line">
              <input type="checkbox" checked={Boolean(form[key])} onChange={(e) => setForm({ ...form, [key]: e.target.checked })} />
              {t(`${kind}.field.${key}`)}
            </label>
          ) : type === 'unit' ? (
            // What the product's quantities count: kg, m and l take decimals on an OT; units are whole.
            <Field key={key} label={t(`${kind}.field.${key}`)} error={errors[key]}>
              <select value={String(form[key])} onChange={(e) => setForm({ ...form, [key]: e.target.value })}>
                {PRODUCT_UNITS.map((unit) => (
                  <option key={unit} value={unit}>
                    {t(`products.unit.${unit}`)}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <Field key={key} label={t(`${kind}.field.${key}`)} error={errors[key]}>
              {type === 'textarea' ? (
                <textarea value={String(form[key])} onChange={(e) => setForm({ ...form, [key]: e.target.value })} rows={3} />
              ) : (
                <input type={type} value={String(form[key])} onChange={(e) => setForm({ ...form, [key]: e.target.value })} autoComplete="off" />
              )}
            </Field>
          ),
        )}
      </form>
    </Modal>
  );
}

export function CatalogSection({ kind }: { kind: CatalogKind }) {
  const { t } = useTranslation('admin');
  const config = CONFIG[kind];
  const rows = useAdmin((s) => s.catalogs[kind]) as unknown as Row[];
  const query = useAdmin((s) => s.query[kind]);
  const error = useAdmin((s) => s.error);
  const { loadCatalog, setQuery } = useAdmin.getState();
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Row | null>(null);

  useEffect(() => void loadCatalog(kind), [kind, loadCatalog]);
  useDomainEvents((e) => e.entity === config.entity, () => void loadCatalog(kind));

  const cell = (row: Row, column: string) => {
    const value = row[column];
    if (typeof value === 'boolean') return value ? t('catalog.yes') : t('catalog.no');
    if (column === 'sku') return <span className="mono">{String(value)}</span>;
    if (column === 'unit') return t(`products.unit.${String(value ?? 'unit')}`);
    // A customer's name opens its page (contact details, tickets, OTs, serials).
    if (kind === 'customers' && column === 'name') return <a href={hrefFor({ name: 'customer', id: row.id })}>{row.name}</a>;
    return value ? String(value) : <span className="muted">—</span>;
  };

  return (
    <section aria-labelledby="admin-section-title">
      <SectionHeader title={t(`sections.${kind}`)} query={query} onQuery={(q) => setQuery(kind, q)}>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          <Plus size={14} aria-hidden="true" />
          {t(`${kind}.new`)}
        </button>
      </SectionHeader>
      {error ? <div className="alert" role="alert">{adminError(t, error)}</div> : null}
      {rows.length === 0 ? (
        <div className="empty">{query ? t('catalog.noMatch') : t(`${kind}.empty`)}</div>
      ) : (
        <table className={`table admin-table catalog-table catalog-${kind}`}>
          <caption className="sr-only">{t(`sections.${kind}`)}</caption>
          {/* Fixed column widths: the table fits its section at 1024 px whatever the data (customers ran to 1288 px). */}
          <colgroup>
            {config.columns.map((c) => (
              <col key={c} className={`col-${c}`} />
            ))}
            <col className="col-actions" />
          </colgroup>
          <thead>
            <tr>
              {config.columns.map((c) => (
                <th key={c} scope="col">
                  {t(`${kind}.field.${c}`)}
                </th>
              ))}
              <th scope="col"><span className="sr-only">{t('actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {config.columns.map((c) => (
                  <td key={c} {...(config.oneLine.includes(c) ? { className: 'cell-line', title: typeof row[c] === 'string' ? String(row[c]) : undefined } : {})}>
                    {cell(row, c)}
                  </td>
                ))}
                <td className="row-actions">
                  <button type="button" className="btn btn-ghost btn-icon" onClick={() => setEditing(row)} aria-label={t('catalog.editLabel', { name: row.name })} title={t('common:actions.edit')}>
                    <Pencil size={14} aria-hidden="true" />
                  </button>
                  <button type="button" className="btn btn-ghost btn-icon" onClick={() => setDeleting(row)} aria-label={t('catalog.deleteLabel', { name: row.name })} title={t('common:actions.delete')}>
                    <Trash2 size={14} aria-hidden="true" />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <CatalogForm kind={kind} row={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          title={t('catalog.deleteTitle', { name: deleting.name })}
          text={t('catalog.confirmDelete', { name: deleting.name })}
          confirmLabel={t('common:actions.delete')}
          onConfirm={async () => {
            await callCatalog(`${kind}.delete`, { id: deleting.id });
            toast.success(t('catalog.deleted', { name: deleting.name }));
            void loadCatalog(kind);
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
