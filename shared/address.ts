// A customer's address with the town: the town is added unless the address already names it ("…, 48041 Bilbao").

/** The town to show beside `address`; null when there is none or the address already names it. */
export function townBesideAddress(address: string | null | undefined, town: string | null | undefined): string | null {
  const name = town?.trim();
  if (!name) return null;
  return address && address.toLocaleLowerCase('es').includes(name.toLocaleLowerCase('es')) ? null : name;
}

/** "Calle Larga 4, Benalmádena" on one line; '' when there is neither. */
export function addressLine(address: string | null | undefined, town: string | null | undefined): string {
  return [address?.trim() || null, townBesideAddress(address, town)].filter(Boolean).join(', ');
}
