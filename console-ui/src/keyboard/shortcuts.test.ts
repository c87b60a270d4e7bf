import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isTyping, SHORTCUTS, shortcutFor } from './shortcuts';

const on = (tagName: string, type?: string) => ({ tagName, type });

describe('live page shortcuts', () => {
  it('maps the desk keys', () => {
    expect(shortcutFor({ key: ' ' })).toBe('go');
    expect(shortcutFor({ key: 'Backspace' })).toBe('back');
    expect(shortcutFor({ key: 'b' })).toBe('blackout');
    expect(shortcutFor({ key: 'B' })).toBe('blackout');
    expect(shortcutFor({ key: 'p' })).toBe('pause');
    expect(shortcutFor({ key: 'm' })).toBe('focusMaster');
    expect(shortcutFor({ key: 'Escape' })).toBe('clearSelection');
    expect(shortcutFor({ key: 'x' })).toBeNull();
  });

  it('maps every key of the table to its action, and no key twice', () => {
    const seen = new Set<string>();
    for (const s of SHORTCUTS) {
      for (const key of s.keys) {
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
        expect(shortcutFor({ key }), key).toBe(s.action);
      }
    }
  });

  it('is the table the console README lists', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.split('## Keyboard (Live page)')[1]?.split('\n## ')[0] ?? '';
    const rows = [...section.matchAll(/^\| (.+?) \| (.+?) \|$/gm)].map((m) => [m[1], m[2]]).slice(1);
    expect(rows).toEqual(SHORTCUTS.map((s) => [s.label, s.does]));
  });

  it('leaves keys alone while typing in a field (Backspace deletes text there)', () => {
    expect(shortcutFor({ key: ' ', target: on('INPUT', 'text') })).toBeNull();
    expect(shortcutFor({ key: 'Backspace', target: on('INPUT', 'text') })).toBeNull();
    expect(shortcutFor({ key: 'b', target: on('TEXTAREA') })).toBeNull();
    expect(shortcutFor({ key: 'p', target: { tagName: 'DIV', isContentEditable: true } })).toBeNull();
    expect(shortcutFor({ key: 'b', target: on('SELECT') })).toBeNull();
  });

  it('still works on a slider, a button or a checkbox', () => {
    expect(shortcutFor({ key: ' ', target: on('INPUT', 'range') })).toBe('go');
    expect(shortcutFor({ key: 'Backspace', target: on('BUTTON') })).toBe('back');
    expect(shortcutFor({ key: 'b', target: on('BUTTON') })).toBe('blackout');
    expect(shortcutFor({ key: 'p', target: on('INPUT', 'checkbox') })).toBe('pause');
    expect(isTyping(on('INPUT', 'color'))).toBe(false);
  });

  it('lets Escape out of a field, and ignores modifiers and auto-repeat', () => {
    expect(shortcutFor({ key: 'Escape', target: on('INPUT', 'text') })).toBe('clearSelection');
    expect(shortcutFor({ key: 'b', ctrlKey: true })).toBeNull();
    expect(shortcutFor({ key: ' ', metaKey: true })).toBeNull();
    expect(shortcutFor({ key: ' ', repeat: true })).toBeNull();
    expect(shortcutFor({ key: 'Backspace', repeat: true })).toBeNull();
  });
});
