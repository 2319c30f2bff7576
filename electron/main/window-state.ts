// Remembers the window's size and position in a small JSON file; a saved position off every screen is pulled back.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
/** How much of the title bar must stay on a screen for the window to count as reachable. */
const MIN_VISIBLE = 100;

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** Reads whatever the file held; anything malformed falls back to the defaults, field by field. */
export function parseWindowState(raw: unknown): WindowState {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const width = isInt(value.width) && value.width > 0 ? value.width : DEFAULT_WINDOW_STATE.width;
  const height = isInt(value.height) && value.height > 0 ? value.height : DEFAULT_WINDOW_STATE.height;
  const position = isInt(value.x) && isInt(value.y) ? { x: value.x, y: value.y } : {};
  return { ...position, width, height, maximized: value.maximized === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Fits the state to the screens there are now (a monitor may have been unplugged): size no larger than the
 * biggest work area and no smaller than the minimum; a position whose title bar is not on any screen is dropped (centered).
 */
export function clampWindowState(state: WindowState, workAreas: readonly Rect[], minimum: { width: number; height: number }): WindowState {
  if (workAreas.length === 0) return { ...state };
  const maxWidth = Math.max(...workAreas.map((area) => area.width));
  const maxHeight = Math.max(...workAreas.map((area) => area.height));
  const width = Math.max(Math.min(state.width, maxWidth), Math.min(minimum.width, maxWidth));
  const height = Math.max(Math.min(state.height, maxHeight), Math.min(minimum.height, maxHeight));
  const clamped: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return clamped;
  const titleBar: Rect = { x: state.x, y: state.y, width, height: Math.min(height, 40) };
  const area = workAreas.find((candidate) => {
    const shared = overlap(titleBar, candidate);
    return shared.width >= Math.min(MIN_VISIBLE, width) && shared.height > 0;
  });
  if (!area) return clamped;
  // Keep the window on the screen it was on, moved inside it if it hangs over an edge.
  const x = Math.min(Math.max(state.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(state.y, area.y), area.y + area.height - height);
  return { ...clamped, x, y };
}

export function loadWindowState(file: string): WindowState {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

/** Written to a temp file and renamed, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(parseWindowState(state), null, 2)}\n`);
  renameSync(temp, file);
}
