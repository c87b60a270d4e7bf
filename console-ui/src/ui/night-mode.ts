/**
 * Night mode for a dark venue: low luminance everywhere and no saturated
 * glare from GO. The choice is kept on this console (localStorage), so the
 * front-of-house tablet stays dark across reloads and logins.
 */
export const NIGHT_MODE_KEY = 'crowdcue.nightMode';

export interface PreferenceStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function browserStore(): PreferenceStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage refused (private mode): night mode still toggles for this page
  }
}

export function readNightMode(store: PreferenceStore | null = browserStore()): boolean {
  return store?.getItem(NIGHT_MODE_KEY) === 'on';
}

export function saveNightMode(on: boolean, store: PreferenceStore | null = browserStore()): void {
  try {
    store?.setItem(NIGHT_MODE_KEY, on ? 'on' : 'off');
  } catch {
    // a full or refused storage only loses the memory of the choice
  }
}

/** Puts the theme on the document: the night palette is CSS (theme.css `[data-theme='night']`). */
export function applyNightMode(on: boolean, root: { dataset: DOMStringMap } = document.documentElement): void {
  if (on) root.dataset.theme = 'night';
  else delete root.dataset.theme;
}
