// One read at a time for a shared store, never an answer older than the last ask: several triggers (events, a timer,
// a screen opening) asking at once share the read on its way, and one asking while it is on its way gets one more read
// after it. Joining the read on its way alone lost changes made after it started: the export's "Último intercambio"
// waited for the 30 s timer when its event came while a read was still out.

export interface FreshRead {
  /** Reads now, or after the read on its way when one is; resolves once the store holds an answer newer than the ask. */
  run(): Promise<void>;
  /** Forgets the read on its way (a signed-out session's answer is dropped, never delivered). */
  reset(): void;
}

export function freshRead(read: () => Promise<void>): FreshRead {
  let inFlight: Promise<void> | null = null;
  let askedAgain = false;
  const loop = async (): Promise<void> => {
    do {
      askedAgain = false;
      await read();
    } while (askedAgain);
  };
  return {
    run() {
      if (inFlight) {
        askedAgain = true;
        return inFlight;
      }
      const mine = loop().finally(() => {
        if (inFlight === mine) inFlight = null;
      });
      inFlight = mine;
      return mine;
    },
    reset() {
      inFlight = null;
      askedAgain = false;
    },
  };
}
