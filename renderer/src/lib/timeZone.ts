// The company time zone as the renderer knows it (from the settings): every day boundary on screen uses it.
import { systemTimeZone } from '../../../electron/contract/zonedTime';
import { useSession } from '../stores/session';

/** Outside React (stores): the zone in the loaded settings, the computer's until they arrive. */
export function companyZone(): string {
  return useSession.getState().settings?.timeZone ?? systemTimeZone();
}

export function useCompanyZone(): string {
  return useSession((s) => s.settings?.timeZone) ?? systemTimeZone();
}
