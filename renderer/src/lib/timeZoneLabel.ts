// A time zone as a person recognises it in a list: its IANA name with spaces (what one types to jump to it), its
// offset at that moment and its name in the interface's language ("Europe/Madrid · GMT+1 · hora de Europa central").

function zoneNamePart(zone: string, language: string, style: 'shortOffset' | 'longGeneric', at: Date): string {
  return new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: style }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

export function timeZoneLabel(zone: string, language: string, at: Date): string {
  const offset = zoneNamePart(zone, language, 'shortOffset', at);
  const name = zoneNamePart(zone, language, 'longGeneric', at);
  // A zone with no name of its own is named by its offset ("GMT+00:00"): said once.
  return [zone.replace(/_/g, ' '), offset, name.startsWith('GMT') ? '' : name].filter(Boolean).join(' · ');
}
