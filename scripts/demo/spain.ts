// Customer addresses and phones in one country's style, Spain's: "Calle Mayor 12, 28013 Madrid", "+34 612 345 678".
// (faker's es locale mixes styles: "Lado Horacio 3", "928-064-511", "932.849.661".)
import type { Random } from './random';

/** Cities with their province's postal code prefix and landline prefix, so code, city and phone agree. */
const CITIES: readonly { city: string; postal: string; landline: string }[] = [
  { city: 'Madrid', postal: '28', landline: '91' },
  { city: 'Barcelona', postal: '08', landline: '93' },
  { city: 'Valencia', postal: '46', landline: '96' },
  { city: 'Sevilla', postal: '41', landline: '95' },
  { city: 'Zaragoza', postal: '50', landline: '976' },
  { city: 'Málaga', postal: '29', landline: '95' },
  { city: 'Bilbao', postal: '48', landline: '94' },
  { city: 'Valladolid', postal: '47', landline: '983' },
  { city: 'Murcia', postal: '30', landline: '968' },
  { city: 'Alicante', postal: '03', landline: '96' },
  { city: 'Córdoba', postal: '14', landline: '957' },
  { city: 'Granada', postal: '18', landline: '958' },
];

const STREET_TYPES = ['Calle', 'Calle', 'Calle', 'Avenida', 'Plaza', 'Paseo'] as const;
const STREET_NAMES = [
  'Mayor', 'Real', 'de Alcalá', 'de la Constitución', 'del Carmen', 'de Cervantes', 'de San Juan', 'Nueva',
  'de la Paz', 'del Sol', 'de Goya', 'de Colón', 'de la Estación', 'de Andalucía', 'de la Libertad', 'del Mar',
  'de los Reyes Católicos', 'de Blasco Ibáñez', 'de la Industria', 'de Santa Ana',
] as const;

export interface SpanishContact {
  address: string;
  /** The customer's town (población), as the dispatch queue shows it. */
  town: string;
  phone: string;
}

const digits = (random: Random, count: number) => Array.from({ length: count }, () => random.int(0, 9)).join('');

/** "+34 612 345 678" for a mobile, "+34 954 123 456" / "+34 976 123 456" for a landline of the city's province. */
export function spanishPhone(random: Random, landline: string | null): string {
  const national = landline ? `${landline}${digits(random, 9 - landline.length)}` : `${random.pick(['6', '7'])}${digits(random, 8)}`;
  return `+34 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
}

export function spanishContact(random: Random): SpanishContact {
  const place = random.pick(CITIES);
  const postalCode = `${place.postal}${String(random.int(1, 99)).padStart(3, '0')}`;
  const address = `${random.pick(STREET_TYPES)} ${random.pick(STREET_NAMES)} ${random.int(1, 180)}, ${postalCode} ${place.city}`;
  return { address, town: place.city, phone: spanishPhone(random, random.chance(0.6) ? place.landline : null) };
}
