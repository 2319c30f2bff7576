// Timeline events keep the OT code they were written with; after a team join renumbered the OT, screens and reports
// show its code now beside it. Pure: the renderer and the reports share it.

/** Each former code of these OTs → the OT's code now. */
export function codesNowOf(workOrders: readonly { code: string; formerCodes: readonly string[] }[]): ReadonlyMap<string, string> {
  return new Map(workOrders.flatMap((wo) => wo.formerCodes.map((former) => [former, wo.code] as const)));
}
