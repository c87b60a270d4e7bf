import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStartArgs, run } from './start';

describe('crowdcue start arguments', () => {
  it('defaults to ./crowdcue-data on 127.0.0.1:4300 with the show\'s own transmitters', () => {
    expect(parseStartArgs([])).toEqual({ ok: true, options: { dataDir: './crowdcue-data', port: 4300, host: '127.0.0.1', transmitters: [], origins: [], build: true } });
  });

  it('takes a data dir, port, host, repeated transmitters and --no-build', () => {
    const r = parseStartArgs(['--data', '/tmp/x', '--port', '0', '--host', '0.0.0.0', '--transmitter', 'virtual', '--transmitter', 'tcp://10.0.0.7:4001', '--no-build']);
    expect(r).toEqual({ ok: true, options: { dataDir: '/tmp/x', port: 0, host: '0.0.0.0', transmitters: ['virtual', 'tcp://10.0.0.7:4001'], origins: [], build: false } });
  });

  it('takes repeated --origin for a console behind a reverse proxy, and refuses one that is not an origin', () => {
    const r = parseStartArgs(['--origin', 'https://console.example.com', '--origin', 'http://10.0.0.5:8080/']);
    expect(r).toMatchObject({ ok: true, options: { origins: ['https://console.example.com', 'http://10.0.0.5:8080/'] } });
    expect(parseStartArgs(['--origin', 'console.example.com'])).toMatchObject({ ok: false, error: expect.stringContaining("--origin must be a console's origin") });
    expect(parseStartArgs(['--origin', 'https://console.example.com/live'])).toMatchObject({ ok: false, error: expect.stringContaining("got 'https://console.example.com/live'") });
  });

  it('takes --timecode and refuses a source it cannot read, naming it', () => {
    expect(parseStartArgs(['--timecode', 'artnet'])).toMatchObject({ ok: true, options: { timecode: 'artnet' } });
    expect(parseStartArgs(['--timecode', 'smpte:1'])).toMatchObject({ ok: false, error: expect.stringContaining('--timecode smpte:1: unknown timecode source') });
  });

  it('refuses a bad port and unknown flags with a reason', async () => {
    expect(parseStartArgs(['--port', '99999'])).toMatchObject({ ok: false, error: expect.stringContaining('--port') });
    expect(parseStartArgs(['--port', 'abc'])).toMatchObject({ ok: false });
    expect(parseStartArgs(['--colour'])).toMatchObject({ ok: false, error: expect.stringContaining('colour') });
    const err: string[] = [];
    expect(await run(['--port', '-1'], { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(err.join('\n')).toMatch(/usage: crowdcue start/);
  });

  it('prints its usage for --help', async () => {
    const out: string[] = [];
    expect(await run(['--help'], { out: (l) => out.push(l), err: () => undefined })).toBe(0);
    expect(out.join('\n')).toMatch(/--transmitter URL/);
  });

  it('refuses a bad --transmitter URL before starting anything', async () => {
    const err: string[] = [];
    const dir = join(tmpdir(), `crowdcue-start-never-${process.pid}`);
    const code = await run(['--data', dir, '--port', '0', '--no-build', '--transmitter', 'serial:'], { out: () => undefined, err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/--transmitter: .*serial/);
    expect(existsSync(dir)).toBe(false);
  });
});
