import { describe, expect, it } from 'vitest';
import { applyNightMode, NIGHT_MODE_KEY, readNightMode, saveNightMode, type PreferenceStore } from './night-mode';

function memory(): PreferenceStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('night mode preference', () => {
  it('is off until chosen, and remembered on this console', () => {
    const store = memory();
    expect(readNightMode(store)).toBe(false);
    saveNightMode(true, store);
    expect(store.data.get(NIGHT_MODE_KEY)).toBe('on');
    expect(readNightMode(store)).toBe(true);
    saveNightMode(false, store);
    expect(readNightMode(store)).toBe(false);
  });

  it('a storage that refuses writes loses only the memory of the choice', () => {
    const refusing: PreferenceStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => saveNightMode(true, refusing)).not.toThrow();
  });

  it('marks the document for the night palette, and unmarks it', () => {
    const root = { dataset: {} as DOMStringMap };
    applyNightMode(true, root);
    expect(root.dataset.theme).toBe('night');
    applyNightMode(false, root);
    expect(root.dataset.theme).toBeUndefined();
  });
});
