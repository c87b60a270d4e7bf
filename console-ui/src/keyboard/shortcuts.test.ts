import { describe, expect, it } from 'vitest';
import { isTyping, shortcutFor } from './shortcuts';

const on = (tagName: string, type?: string) => ({ tagName, type });

describe('live page shortcuts', () => {
  it('maps the desk keys', () => {
    expect(shortcutFor({ key: ' ' })).toBe('go');
    expect(shortcutFor({ key: 'b' })).toBe('blackout');
    expect(shortcutFor({ key: 'B' })).toBe('blackout');
    expect(shortcutFor({ key: 'p' })).toBe('pause');
    expect(shortcutFor({ key: 'm' })).toBe('focusMaster');
    expect(shortcutFor({ key: 'Escape' })).toBe('clearSelection');
    expect(shortcutFor({ key: 'x' })).toBeNull();
  });

  it('leaves keys alone while typing in a field', () => {
    expect(shortcutFor({ key: ' ', target: on('INPUT', 'text') })).toBeNull();
    expect(shortcutFor({ key: 'b', target: on('TEXTAREA') })).toBeNull();
    expect(shortcutFor({ key: 'p', target: { tagName: 'DIV', isContentEditable: true } })).toBeNull();
    expect(shortcutFor({ key: 'b', target: on('SELECT') })).toBeNull();
  });

  it('still works on a slider, a button or a checkbox', () => {
    expect(shortcutFor({ key: ' ', target: on('INPUT', 'range') })).toBe('go');
    expect(shortcutFor({ key: 'b', target: on('BUTTON') })).toBe('blackout');
    expect(shortcutFor({ key: 'p', target: on('INPUT', 'checkbox') })).toBe('pause');
    expect(isTyping(on('INPUT', 'color'))).toBe(false);
  });

  it('lets Escape out of a field, and ignores modifiers and auto-repeat', () => {
    expect(shortcutFor({ key: 'Escape', target: on('INPUT', 'text') })).toBe('clearSelection');
    expect(shortcutFor({ key: 'b', ctrlKey: true })).toBeNull();
    expect(shortcutFor({ key: ' ', metaKey: true })).toBeNull();
    expect(shortcutFor({ key: ' ', repeat: true })).toBeNull();
  });
});
