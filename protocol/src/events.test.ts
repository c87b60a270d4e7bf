import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMAND_PERMISSION, commandSchemas, parseCommand } from './events';

describe('command payloads', () => {
  it('accepts valid commands and fills defaults', () => {
    expect(parseCommand('go', {})).toEqual({ ok: true, value: {} });
    expect(parseCommand('goto', { cue: 'c3' })).toEqual({ ok: true, value: { cue: 'c3' } });
    expect(parseCommand('master', { level: 128 })).toEqual({ ok: true, value: { level: 128 } });
    expect(parseCommand('busk', { zones: [1, 2], look: { kind: 'color', color: '#ff8000' } })).toEqual({
      ok: true,
      value: { zones: [1, 2], look: { kind: 'color', color: [255, 128, 0] } },
    });
    expect(parseCommand('subscribe', {})).toEqual({ ok: true, value: { packets: false } });
  });

  it('names every bad field of a hostile payload', () => {
    const r = parseCommand('busk', { zones: [1, 99], look: { kind: 'effect', shape: 'BLINK', colors: ['#fff'], period: 0, spread: 300 }, extra: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { path: 'zones[1]', message: 'must be <= 63' },
      { path: 'look.shape', message: 'must be one of "SQUARE", "SINE", "RAMP", "RAINBOW", "SPARKLE"' },
      { path: 'look.colors', message: 'must have at least 2 items' },
      { path: 'look.period', message: 'must be >= 1' },
      { path: 'look.spread', message: 'must be <= 255' },
      { path: 'extra', message: 'unknown field' },
    ]);
    expect(r.error).toContain('bad busk: zones[1]: must be <= 63');
  });

  it('refuses non-objects, wrong types and unknown commands without throwing', () => {
    expect(parseCommand('master', null)).toMatchObject({ ok: false, error: 'bad master: must be an object, not null' });
    expect(parseCommand('blackout', { on: 'yes' })).toMatchObject({ ok: false, errors: [{ path: 'on', message: 'must be a boolean, not string' }] });
    expect(parseCommand('master', { level: 1.5 })).toMatchObject({ ok: false, errors: [{ path: 'level', message: 'must be a whole number' }] });
    expect(parseCommand('goto', {})).toMatchObject({ ok: false, errors: [{ path: 'cue', message: 'is required' }] });
    expect(parseCommand('__proto__' as 'go', {})).toMatchObject({ ok: false, error: 'unknown command "__proto__"' });
  });

  it('gives every command a permission', () => {
    expect(Object.keys(COMMAND_PERMISSION).sort()).toEqual([...COMMAND_NAMES].sort());
    expect(COMMAND_NAMES.length).toBe(Object.keys(commandSchemas).length);
  });
});
