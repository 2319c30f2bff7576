// Instants as the command line prints them for a person: this computer's wall time (the --json outputs keep ISO).
import { systemTimeZone, wallInputOf } from '../../electron/contract/zonedTime';

/** 2026-12-06 11:24 in this computer's time zone. */
export const localTime = (iso: string): string => wallInputOf(systemTimeZone(), iso).replace('T', ' ');

export const localTimeOr = (iso: string | null, none: string): string => (iso ? localTime(iso) : none);
