// A hub's address as a person types it, shared by the pairing channels' schemas and the pairing card (which checks it
// before sending; no zod here, so the window's start path can read it).

/** `https://` optional, never `http://`, a port optional. */
export const HUB_URL_PATTERN = /^(https:\/\/)?[^\s/]+(:\d{1,5})?\/?$/;
