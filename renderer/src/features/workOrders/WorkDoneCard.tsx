// "Trabajo realizado" on the OT: written during the visit (saved with a button), prefilled in the completion dialog,
// printed on the customer's report. Kept apart from the internal notes, which never leave the team.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderDetail } from '../../../../electron/contract';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { onSessionReset } from '../../stores/sessionStores';
import { useWorkOrderAction } from './actions';
import { boxAfterNewSave, clearWorkDoneDrafts, keepWorkDoneDraft } from './workDoneDraft';

onSessionReset('work-done-drafts', clearWorkDoneDrafts);

export function WorkDoneCard({ workOrder, editable }: { workOrder: WorkOrderDetail; editable: boolean }) {
  const { t } = useTranslation('workOrders');
  const run = useWorkOrderAction();
  const saved = workOrder.workDone ?? '';
  const [text, setText] = useState(saved);
  const [busy, setBusy] = useState(false);
  // A newer saved text (from here or elsewhere) refreshes the box unless something was typed since.
  const shown = useRef({ saved, sent: saved });
  useEffect(() => {
    const before = shown.current;
    if (before.saved === saved) return;
    shown.current = { saved, sent: saved };
    setText((typed) => boxAfterNewSave(typed, before, saved));
  }, [saved]);
  useEffect(() => keepWorkDoneDraft(workOrder.id, text, saved), [workOrder.id, text, saved]);

  // Nothing to show on an OT not yet started, or cancelled without work.
  if (!editable && !saved && workOrder.status !== 'completed') return null;
  if (!editable) {
    return (
      <section className="card" aria-labelledby="ot-work-done-title">
        <h2 id="ot-work-done-title">{t('workDone.title')}</h2>
        <p className="ot-work-done">{saved || <span className="muted">{t('workDone.empty')}</span>}</p>
      </section>
    );
  }

  async function save() {
    setBusy(true);
    shown.current = { ...shown.current, sent: text };
    await run(workOrder.id, () => api.call('workOrders.setWorkDone', { id: workOrder.id, version: workOrder.version, workDone: text }), t('workDone.saved'));
    setBusy(false);
  }

  return (
    <section className="card" aria-labelledby="ot-work-done-title">
      <h2 id="ot-work-done-title" className="sr-only">{t('workDone.title')}</h2>
      <Field label={t('workDone.label')} hint={t('workDone.hint')}>
        <textarea
          name="workDone"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={4}
          onKeyDown={(e) => {
            // Ctrl+Enter (⌘+Enter) saves without leaving the keyboard.
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && text !== saved) {
              e.preventDefault();
              void save();
            }
          }}
        />
      </Field>
      <button type="button" className="btn" onClick={() => void save()} disabled={busy || text === saved}>
        {t('workDone.save')}
      </button>
    </section>
  );
}
