// Adds to the bitácora: an internal note, or a contact with the customer (channel + summary).
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_CHANNELS, type ContactChannel } from '../../../../electron/contract';
import { Field } from '../../components/Field';
import { errorMessage } from '../../lib/errors';
import { unsavedMark } from '../../lib/unsavedForms';
import { toast } from '../../stores/toasts';
import { onSessionReset } from '../../stores/sessionStores';
import { clearComposerDrafts, composerDraftOf, keepComposerDraft } from './composerDraft';
import { useTicketDetail } from './detailStore';

type Mode = 'note' | 'contact';

onSessionReset('composer-drafts', clearComposerDrafts);

/** Mounted once per ticket (keyed by its id): it starts from that ticket's draft and keeps what is typed there. */
export function Composer({ ticketId, canContact }: { ticketId: string; canContact: boolean }) {
  const { t } = useTranslation('tickets');
  const { addNote, addContact, busy } = useTicketDetail();
  const [draft] = useState(() => composerDraftOf(ticketId));
  const [mode, setMode] = useState<Mode>(canContact ? draft.mode : 'note');
  const [text, setText] = useState(draft.text);
  const [channel, setChannel] = useState<ContactChannel>(draft.channel);
  const [contactName, setContactName] = useState(draft.contactName);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => keepComposerDraft(ticketId, { mode, text, channel, contactName }), [ticketId, mode, text, channel, contactName]);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    const content = text.trim();
    if (!content) {
      setError(t('common:validation.required'));
      return;
    }
    setError(undefined);
    try {
      if (mode === 'note') await addNote(content);
      else await addContact({ channel, summary: content, ...(contactName.trim() ? { contactName: contactName.trim() } : {}) });
      setText('');
      setContactName('');
      toast.success(mode === 'note' ? t('composer.noteAdded') : t('composer.contactAdded'));
    } catch (failure) {
      setError(errorMessage(t, failure));
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
  };

  return (
    <form className="composer card" onSubmit={submit} aria-label={t('composer.label')} {...unsavedMark(text.trim() !== '' || contactName.trim() !== '')}>
      {canContact && (
        <div className="composer-modes" role="radiogroup" aria-label={t('composer.label')}>
          {(['note', 'contact'] as const).map((m) => (
            <label key={m} className={`chip${mode === m ? ' is-active' : ''}`}>
              <input type="radio" name="composer-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {t(`composer.${m}`)}
            </label>
          ))}
        </div>
      )}
      {mode === 'contact' && (
        <div className="form-grid">
          <Field label={t('composer.channel')}>
            <select value={channel} onChange={(e) => setChannel(e.target.value as ContactChannel)}>
              {CONTACT_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`common:contactChannel.${c}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('composer.contactName')}>
            <input value={contactName} onChange={(e) => setContactName(e.target.value)} placeholder={t('composer.contactNamePlaceholder')} />
          </Field>
        </div>
      )}
      <Field label={mode === 'note' ? t('composer.noteLabel') : t('composer.summary')} error={error}>
        <textarea
          name="composer-text"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={mode === 'note' ? t('composer.notePlaceholder') : t('composer.summaryPlaceholder')}
        />
      </Field>
      <div className="btn-row composer-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {mode === 'note' ? t('composer.addNote') : t('composer.addContact')}
        </button>
      </div>
    </form>
  );
}
