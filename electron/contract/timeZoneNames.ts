// Time-zone names as people know them today. Intl.supportedValuesOf('timeZone') lists CLDR's ids, which keep the old
// IANA spellings (Europe/Kiev, Asia/Calcutta, America/Buenos_Aires) beside current ones, and resolvedOptions() even turns
// 'Europe/Kyiv' back into 'Europe/Kiev'. The picker offers the current names only; a stored old name keeps working
// (every runtime accepts both) and is shown as its current name.

/**
 * Renames only: the same place under a new spelling (IANA 'backward' links within one country). Zones merged with
 * another country's (Europe/Amsterdam into Brussels in tzdb's main data) stay as they are: they are what people pick.
 */
const RENAMED: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The current name of a zone ('Europe/Kiev' → 'Europe/Kyiv'); any other name as it is. */
export function canonicalTimeZone(zone: string): string {
  return RENAMED[zone] ?? zone;
}

/** True for an old spelling the picker does not offer. */
export function isOldTimeZoneName(zone: string): boolean {
  return zone in RENAMED;
}

/** The picker's list: `known` (the runtime's zones) under their current names, with UTC and `current`, sorted, once each. */
export function timeZoneChoices(known: readonly string[], current: string): string[] {
  return [...new Set([current, 'UTC', ...known].map(canonicalTimeZone))].sort((a, b) => a.localeCompare(b));
}
