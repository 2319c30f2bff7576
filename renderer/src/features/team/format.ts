// Small wording helpers shared by the team screens.

/** A member's slot as people read it in codes: 3 → "03". */
export const slotLabel = (slot: number): string => String(slot).padStart(2, '0');

/** The short form of a device id shown beside its name. */
export const shortId = (deviceId: string): string => deviceId.slice(0, 8);
