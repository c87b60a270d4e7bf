import { describe, expect, it } from 'vitest';
import { parsePairFlags } from './standby-cli';

describe('pair flags', () => {
  it('a controller alone has none', () => {
    expect(parsePairFlags({}, '/d')).toEqual({ ok: true, pair: undefined });
  });
  it('backup and primary forms', () => {
    expect(parsePairFlags({ backupOf: 'http://10.0.0.2:4300', standbyKey: '/k' }, '/d')).toEqual({
      ok: true,
      pair: { dataDir: '/d', backupOf: 'http://10.0.0.2:4300/', keyFile: '/k', takeoverMs: 500 },
    });
    expect(parsePairFlags({ peer: 'http://10.0.0.3:4300/', takeoverMs: '800' }, '/d')).toEqual({ ok: true, pair: { dataDir: '/d', peer: 'http://10.0.0.3:4300/', takeoverMs: 800 } });
  });
  it('bad flags are named', () => {
    expect(parsePairFlags({ backupOf: 'ftp://x' }, '/d')).toMatchObject({ ok: false, error: expect.stringMatching(/--backup-of must be an http/) });
    expect(parsePairFlags({ peer: 'nonsense' }, '/d')).toMatchObject({ ok: false, error: expect.stringMatching(/--peer must be a URL/) });
    expect(parsePairFlags({ peer: 'http://a/', takeoverMs: '5' }, '/d')).toMatchObject({ ok: false, error: expect.stringMatching(/--takeover-ms/) });
    expect(parsePairFlags({ standbyKey: '/k' }, '/d')).toMatchObject({ ok: false, error: expect.stringMatching(/need --backup-of or --peer/) });
    expect(parsePairFlags({ peer: 'http://a/', backupOf: 'http://b/' }, '/d')).toMatchObject({ ok: false, error: expect.stringMatching(/not both/) });
  });
});
