import { describe, expect, it } from 'vitest';
import { parseDeskArg } from './desk-arg';

describe('--desk', () => {
  it('reads protocol, universe, address and options', () => {
    expect(parseDeskArg('sacn:1@101?zones=32&hold=2000')).toEqual({ ok: true, desk: { protocol: 'sacn', universe: 1, address: 101, zones: 32, holdMs: 2000 } });
    expect(parseDeskArg('artnet:0@1?interface=127.0.0.1&port=6455')).toEqual({
      ok: true,
      desk: { protocol: 'artnet', universe: 0, address: 1, zones: 16, holdMs: 5000, interface: '127.0.0.1', port: 6455 },
    });
  });

  it('names what is wrong', () => {
    expect(parseDeskArg('sacn:1')).toMatchObject({ ok: false, error: expect.stringMatching(/expected sacn\|artnet:UNIVERSE@ADDRESS/) });
    expect(parseDeskArg('dmx:1@1')).toMatchObject({ ok: false, error: expect.stringMatching(/^--desk: protocol:/) });
    expect(parseDeskArg('sacn:0@1')).toEqual({ ok: false, error: '--desk: universe: sACN universes are 1..63999' });
    expect(parseDeskArg('sacn:1@600')).toMatchObject({ ok: false, error: expect.stringMatching(/^--desk: address:/) });
    expect(parseDeskArg('sacn:1@1?speed=3')).toEqual({ ok: false, error: "--desk: unknown option 'speed' (options: zones, hold, interface, port)" });
  });
});
