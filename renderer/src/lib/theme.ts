import { useSyncExternalStore } from 'react';

// Light, dark or the system's choice: kept on this machine (like the language), applied at once without a reload.
// The stylesheet keys its dark colours on <html data-theme="dark">; 'system' follows prefers-color-scheme live.

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

const STORED_THEME = 'emerald.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function storedTheme(): ThemeChoice {
  const value = localStorage.getItem(STORED_THEME);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'light' || choice === 'dark') return choice;
  return systemPrefersDark ? 'dark' : 'light';
}

let current: ThemeChoice = 'system';
let stopFollowing: (() => void) | null = null;

const painted = new Set<() => void>();

function paint(theme: Theme): void {
  const changed = document.documentElement.dataset.theme !== theme;
  document.documentElement.dataset.theme = theme;
  // Native controls (scrollbars, date pickers, selects) follow the same choice.
  document.documentElement.style.colorScheme = theme;
  if (changed) for (const listener of painted) listener();
}

/** The theme on screen now, for what draws with the theme's colours itself (the telemetry charts). */
export function useTheme(): Theme {
  return useSyncExternalStore(
    (onChange) => {
      painted.add(onChange);
      return () => painted.delete(onChange);
    },
    () => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'),
  );
}

/** Applies `choice` now and, for 'system', whenever the OS switches. */
export function applyTheme(choice: ThemeChoice): void {
  current = choice;
  stopFollowing?.();
  stopFollowing = null;
  const query = window.matchMedia(DARK_QUERY);
  paint(resolveTheme(choice, query.matches));
  if (choice === 'system') {
    const onChange = () => paint(resolveTheme(current, query.matches));
    query.addEventListener('change', onChange);
    stopFollowing = () => query.removeEventListener('change', onChange);
  }
}

export function chooseTheme(choice: ThemeChoice): void {
  if (choice === 'system') localStorage.removeItem(STORED_THEME);
  else localStorage.setItem(STORED_THEME, choice);
  applyTheme(choice);
}
