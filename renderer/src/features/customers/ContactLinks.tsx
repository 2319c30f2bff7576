// A customer's phone, email and address as links (tel:, mailto:, a map search): the customer page and the OT screen
// use the same ones. The desktop shell hands exactly these to the system (electron window-open handler).
import { Mail, MapPin, Phone } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import './customers.css';
import { townBesideAddress } from '../../../../shared/address';

/** The digits (and a leading +) a phone link dials; null when the phone field holds no number ("ver notas"). */
export function dialable(phone: string): string | null {
  const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return /^\+?\d{3,30}$/.test(digits) ? digits : null;
}

/** Opens the address in a map in the browser: the app itself never loads remote pages. */
export const mapUrl = (address: string, town?: string | null) =>
  `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent([address, town].filter(Boolean).join(', '))}`;

const none = <span className="muted">—</span>;

export function PhoneLink({ phone }: { phone: string | null | undefined }) {
  const { t } = useTranslation('customers');
  const number = phone ? dialable(phone) : null;
  if (!phone || !number) return phone || none;
  return (
    <a className="contact-link" href={`tel:${number}`} target="_blank" rel="noreferrer" aria-label={t('callLabel', { phone })}>
      <Phone size={12} aria-hidden="true" /> {phone}
    </a>
  );
}

export function EmailLink({ email }: { email: string | null | undefined }) {
  const { t } = useTranslation('customers');
  if (!email) return none;
  return (
    <a className="contact-link" href={`mailto:${email}`} target="_blank" rel="noreferrer" aria-label={t('mailLabel', { email })}>
      <Mail size={12} aria-hidden="true" /> {email}
    </a>
  );
}

export function AddressLink({ address, town }: { address: string | null | undefined; town?: string | null | undefined }) {
  const { t } = useTranslation('customers');
  if (!address) return none;
  return (
    <a className="contact-link" href={mapUrl(address, town)} target="_blank" rel="noreferrer" aria-label={t('mapLabel', { address })}>
      <MapPin size={12} aria-hidden="true" /> <span className="customer-address">{address}</span>
    </a>
  );
}

/** The address as a map link, then the town (or the town alone): where a technician or a dispatcher reads where to go. */
export function AddressAndTown({ address, town }: { address: string | null | undefined; town: string | null | undefined }) {
  const beside = townBesideAddress(address, town);
  if (!address && !beside) return none;
  return (
    <>
      {address ? <AddressLink address={address} town={town} /> : null}
      {beside ? <span className="muted">{address ? ` · ${beside}` : beside}</span> : null}
    </>
  );
}
