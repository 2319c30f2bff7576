// The OT's signatures, one block per role (customer, technician): the signed image with name and time, a warning
// when the report changed after signing, and the pad to sign (or sign again) for whoever may carry out the OT.
import { AlertTriangle, Eraser, Keyboard, PenLine } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGNATURE_ROLES, type SignatureRole, type WorkOrderDetail } from '../../../../electron/contract';
import { isEmptySignature, type SignatureDto, type SignatureStrokes } from '../../../../electron/contract/signatures';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { focusWasLost } from '../../lib/focus';
import { formatDateTime } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { toast } from '../../stores/toasts';
import { workOrderError } from './actions';
import { SignaturePad } from './SignaturePad';
import { typedSignature } from './typedSignature';
import './signatures.css';

function useSignatures(workOrder: WorkOrderDetail): [SignatureDto[] | null, (next: SignatureDto[]) => void] {
  const [signatures, setSignatures] = useState<SignatureDto[] | null>(null);
  const load = useCallback(() => {
    api.call('workOrders.signatures', { id: workOrder.id }).then(setSignatures, () => setSignatures([]));
  }, [workOrder.id]);
  // Any change to the OT (here or arriving from the team) may have made a signature stale: read them again.
  useEffect(load, [load, workOrder.updatedAt]);
  useDomainEvents((event) => (event.entity === 'workOrder' && event.id === workOrder.id) || (event.entity === 'ticket' && event.id === workOrder.ticketId), load);
  return [signatures, setSignatures];
}

function SignedView({ signature }: { signature: SignatureDto }) {
  const { t } = useTranslation('signatures');
  return (
    <figure className={`signature-signed${signature.valid ? '' : ' signature-stale-image'}`}>
      <img src={signature.imageDataUrl} alt={t('imageAlt', { name: signature.signerName })} width={300} height={120} />
      <figcaption>
        <strong>{signature.signerName}</strong>
        {signature.signerIdNumber && <span className="muted"> · {t('idNumberShort', { id: signature.signerIdNumber })}</span>}
        <br />
        <span className="muted">{t('signedAt', { when: formatDateTime(signature.signedAt) })}</span>
      </figcaption>
    </figure>
  );
}

/** `onCancel` comes with signing again over a signature ("Firmar de nuevo"); it offers to keep the one there. */
function SignForm({ workOrder, role, defaultName, defaultIdNumber, onSigned, onCancel }: { workOrder: WorkOrderDetail; role: SignatureRole; defaultName: string; defaultIdNumber: string; onSigned: (signatures: SignatureDto[]) => void; onCancel: (() => void) | null }) {
  const { t } = useTranslation('signatures');
  const hintId = useId();
  const [name, setName] = useState(defaultName);
  const [idNumber, setIdNumber] = useState(defaultIdNumber);
  const [strokes, setStrokes] = useState<SignatureStrokes>([]);
  /** The pad holds the name written by "Usar el nombre como firma" (its hint says so), not a drawing. */
  const [typed, setTyped] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; pad?: string }>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const signingAgain = onCancel !== null;
  useEffect(() => {
    // Reopened to sign again: the pad has the focus, and the whole form (name, pad, Firmar) is on screen.
    if (!signingAgain) return;
    formRef.current?.querySelector<HTMLElement>('.signature-pad')?.focus({ preventScroll: true });
    formRef.current?.scrollIntoView({ block: 'nearest' });
  }, [signingAgain]);

  function draw(next: SignatureStrokes, byName = false) {
    setStrokes(next);
    setTyped(byName && next.length > 0);
    // Something new on the pad: the earlier "empty" message no longer applies.
    setErrors(({ pad: _pad, ...rest }) => rest);
  }

  // The keyboard's way to sign: the name as typed above, written on the pad in a script hand.
  function writeName() {
    const written = typedSignature(name);
    if ('strokes' in written) {
      draw(written.strokes, true);
      setErrors({});
    } else if (written.refused === 'empty') setErrors({ name: t('typedNeedsName') });
    else setErrors({ pad: t('typedTooLong') });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = { ...(name.trim() ? {} : { name: t('nameRequired') }), ...(isEmptySignature(strokes) ? { pad: t('empty') } : {}) };
    setErrors(found);
    if (found.name || found.pad) return;
    setBusy(true);
    try {
      const signed = await api.call('workOrders.sign', { id: workOrder.id, role, signerName: name.trim(), ...(idNumber.trim() ? { signerIdNumber: idNumber.trim() } : {}), strokes });
      onSigned(signed);
      draw([]);
      toast.success(t(`signed.${role}`));
    } catch (error) {
      toast.error(workOrderError(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="signature-form" ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
      <div className="signature-fields">
        <Field label={t('name')} error={errors.name}>
          <input value={name} onChange={(event) => setName(event.target.value)} maxLength={120} autoComplete="off" required />
        </Field>
        <Field label={t('idNumber')} hint={t('optional')}>
          <input value={idNumber} onChange={(event) => setIdNumber(event.target.value)} maxLength={30} autoComplete="off" />
        </Field>
      </div>
      <SignaturePad strokes={strokes} onChange={draw} label={t(`padLabel.${role}`)} describedBy={hintId} disabled={busy} />
      {/* While the signature is saved the pad says so (the buttons grey out meanwhile), and the toast confirms it. */}
      <small id={hintId} className={errors.pad ? 'field-error' : busy ? 'field-hint signature-saving' : 'field-hint'} role={errors.pad ? 'alert' : 'status'}>
        {errors.pad ?? (busy ? t('saving') : typed ? t('typed') : strokes.length > 0 ? t('drawn') : t('hint'))}
      </small>
      <div className="btn-row">
        <button type="button" className="btn" onClick={writeName} disabled={busy}>
          <Keyboard size={14} aria-hidden="true" />
          {t('useName')}
        </button>
        <button type="button" className="btn" onClick={() => draw([])} disabled={busy || strokes.length === 0}>
          <Eraser size={14} aria-hidden="true" />
          {t('clear')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          <PenLine size={14} aria-hidden="true" />
          {t('sign')}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
            {t('keep')}
          </button>
        )}
      </div>
    </form>
  );
}

function RoleBlock({ workOrder, role, signature, maySign, onSigned }: { workOrder: WorkOrderDetail; role: SignatureRole; signature: SignatureDto | undefined; maySign: boolean; onSigned: (signatures: SignatureDto[]) => void }) {
  const { t } = useTranslation('signatures');
  const titleId = useId();
  const [signingAgain, setSigningAgain] = useState(false);
  const [signedHere, setSignedHere] = useState(0);
  const signAgainRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const wasSigningAgain = useRef(false);
  // The pad closed (kept or signed) with the focus in it: back on "Firmar de nuevo" (or the block's heading when it
  // is not offered), not on the page's first link.
  useEffect(() => {
    if ((wasSigningAgain.current && !signingAgain) || signedHere > 0) {
      if (focusWasLost()) (signAgainRef.current ?? headingRef.current)?.focus();
    }
    wasSigningAgain.current = signingAgain;
  }, [signingAgain, signedHere]);
  const completedAndValid = workOrder.status === 'completed' && signature?.valid === true;
  const canSign = maySign && workOrder.status !== 'cancelled' && !completedAndValid;
  const showForm = canSign && (!signature || !signature.valid || signingAgain);
  const defaultName = role === 'technician' ? (workOrder.technician?.fullName ?? '') : '';
  return (
    <section className="signature-role" aria-labelledby={titleId}>
      <h3 id={titleId} ref={headingRef} tabIndex={-1}>
        {t(`role.${role}`)}
      </h3>
      {signature && !signature.valid && (
        <p className="signature-warning" role="status">
          <AlertTriangle size={14} aria-hidden="true" />
          {t('stale')}
        </p>
      )}
      {signature && <SignedView signature={signature} />}
      {!signature && !showForm && <p className="muted">{t('none')}</p>}
      {showForm && (
        <SignForm
          workOrder={workOrder}
          role={role}
          defaultName={signature?.signerName ?? defaultName}
          defaultIdNumber={signature?.signerIdNumber ?? ''}
          onSigned={(signatures) => {
            setSigningAgain(false);
            setSignedHere((count) => count + 1);
            onSigned(signatures);
          }}
          onCancel={signingAgain ? () => setSigningAgain(false) : null}
        />
      )}
      {canSign && signature?.valid && !signingAgain && (
        <button type="button" className="btn" ref={signAgainRef} onClick={() => setSigningAgain(true)}>
          {t('signAgain')}
        </button>
      )}
    </section>
  );
}

export function SignaturesPanel({ workOrder, maySign }: { workOrder: WorkOrderDetail; maySign: boolean }) {
  const { t } = useTranslation('signatures');
  const [signatures, setSignatures] = useSignatures(workOrder);
  return (
    <section className="card signatures-card" aria-labelledby="ot-signatures-title">
      <h2 id="ot-signatures-title">{t('title')}</h2>
      {/* A signature holds the report as it is: the work done written afterwards would ask for both signatures again. */}
      {maySign && !workOrder.workDone?.trim() && workOrder.status !== 'cancelled' && (
        <p className="signature-warning">
          <AlertTriangle size={14} aria-hidden="true" />
          <span>{t('beforeWorkDone')}</span>
        </p>
      )}
      {signatures === null ? (
        <p className="muted">{t('common:state.loading')}</p>
      ) : (
        <div className="signature-roles">
          {SIGNATURE_ROLES.map((role) => (
            <RoleBlock key={role} workOrder={workOrder} role={role} signature={signatures.find((s) => s.role === role)} maySign={maySign} onSigned={setSignatures} />
          ))}
        </div>
      )}
    </section>
  );
}
