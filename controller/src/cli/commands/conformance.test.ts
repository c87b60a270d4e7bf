import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import vectors from '@crowdcue/protocol/vectors.json';
import { main, type CliIO } from '../main';

const dir = mkdtempSync(join(tmpdir(), 'crowdcue-conformance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function conformance(...args: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const io: CliIO = { out: (l) => lines.push(l), err: (l) => errors.push(l) };
  const code = await main(['conformance', ...args], io);
  return { code, lines, errors };
}

async function simulatorHasBandModel(): Promise<boolean> {
  const name = '@crowdcue/simulator';
  try {
    const sim = (await import(name)) as Record<string, unknown>;
    return typeof sim.runBandScenario === 'function';
  } catch {
    return false;
  }
}

describe('crowdcue conformance', () => {
  it('runs the project vectors: every non-band case passes; band runs on the simulator when it has a band model', async () => {
    const r = await conformance(write('vectors.json', vectors));
    const cases = r.lines.slice(0, -1);
    expect(r.lines.at(-1)).toMatch(/^\d+ passed, \d+ failed$/);
    const nonBand = cases.filter((l) => !/^(ok|FAIL) band\//.test(l));
    expect(nonBand.filter((l) => !l.startsWith('ok '))).toEqual([]);
    const band = cases.filter((l) => /^(ok|FAIL) band\//.test(l));
    expect(band).toHaveLength(vectors.band.length);
    if (await simulatorHasBandModel()) {
      expect(band.filter((l) => !l.startsWith('ok '))).toEqual([]);
      expect(r.lines.at(-1)).toBe(`${cases.length} passed, 0 failed`);
      expect(r.code).toBe(0);
    } else {
      expect(band.every((l) => l.endsWith(" band section needs the simulator's band model"))).toBe(true);
      expect(r.lines.at(-1)).toBe(`${cases.length - band.length} passed, ${band.length} failed`);
      expect(r.code).toBe(1);
    }
  });

  it('prints one line per case and exits 1 when a case fails', async () => {
    const bad = { ccl: [{ ...vectors.ccl[0], wire: '030101039dc900' }], crc16_check: vectors.crc16_check };
    const r = await conformance(write('bad.json', bad));
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      'ok crc16_check/ascii "123456789"',
      'FAIL ccl/hello encode wire: expected 030101039dc900, got 030101039dc800',
      expect.stringMatching(/^FAIL ccl\/hello decode frame: CCL frame crc is/),
      '1 passed, 2 failed',
    ]);
  });

  it('exits 0 when every case passes', async () => {
    const r = await conformance(write('good.json', { cobs: vectors.cobs }));
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toBe(`${2 * vectors.cobs.length} passed, 0 failed`);
  });

  it('refuses a malformed file with a clear message and exit 2', async () => {
    const r = await conformance(write('malformed.json', { ccl: [{ name: 'x' }] }));
    expect(r.code).toBe(2);
    expect(r.errors.join('\n')).toMatch(/malformed\.json: malformed vectors file: ccl\.0\.type: /);
    const notJson = await conformance(write('text.json', 'not json'));
    expect(notJson.code).toBe(2);
    expect(notJson.errors.join('\n')).toMatch(/text\.json is not JSON/);
    const missing = await conformance(join(dir, 'missing.json'));
    expect(missing.code).toBe(2);
    expect(missing.errors.join('\n')).toMatch(/cannot read .*missing\.json/);
    const usage = await conformance();
    expect(usage.code).toBe(2);
  });
});
