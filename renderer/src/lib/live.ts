// Live updates: screens subscribe to domain events and refetch what changed, without reload.
import { useEffect, useRef } from 'react';
import type { DomainEvent } from '../../../electron/contract';
import { api } from '../api/client';

/** Calls `onEvent` for each pushed event that `matches`; the latest callbacks are always used. */
export function useDomainEvents(matches: (event: DomainEvent) => boolean, onEvent: (event: DomainEvent) => void): void {
  const latest = useRef({ matches, onEvent });
  latest.current = { matches, onEvent };
  useEffect(
    () =>
      api.onEvent((event) => {
        if (latest.current.matches(event)) latest.current.onEvent(event);
      }),
    [],
  );
}
