import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstValueFrom, filter, take, toArray } from 'rxjs';
import { formatTimecode } from '@crowdcue/protocol';
import { AlsaSource, parseAlsaDevice } from './alsa-source';
import { generateLtc } from './ltc-generator';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-alsa-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in for arecord: notes its arguments, then writes raw LTC to stdout in 10 ms blocks, as a capture would. */
async function fakeArecord(raw: Buffer): Promise<string> {
  const rawFile = join(dir, 'ltc.raw');
  await writeFile(rawFile, raw);
  const script = join(dir, 'arecord');
  await writeFile(
    script,
    `#!/usr/bin/env node
const fs = require('node:fs');
fs.writeFileSync(${JSON.stringify(join(dir, 'args.json'))}, JSON.stringify(process.argv.slice(2)));
const raw = fs.readFileSync(${JSON.stringify(rawFile)});
const block = 480 * 2 * 2;
let at = 0;
const t = setInterval(() => { process.stdout.write(raw.subarray(at, at + block)); at += block; if (at >= raw.length) { clearInterval(t); setTimeout(() => process.exit(1), 50); } }, 10);
`,
  );
  await chmod(script, 0o755);
  return script;
}

describe('ALSA capture source', () => {
  it('reads the capture format from the device text, naming a bad value', () => {
    expect(parseAlsaDevice('hw:1,0')).toEqual({ device: 'hw:1,0', sampleRate: 48000, channels: 1, channel: 0 });
    expect(parseAlsaDevice('hw:1,0?rate=44100&channels=2&channel=1')).toEqual({ device: 'hw:1,0', sampleRate: 44100, channels: 2, channel: 1 });
    expect(() => parseAlsaDevice('hw:1,0?channels=2&channel=2')).toThrow('channel must be an integer 0..1');
  });

  it('spawns arecord -t raw on the named device and decodes LTC from its stdout; a capture that ends is reported and restarted', async () => {
    const g = generateLtc({ rate: 25, frames: 20, channels: 2, ltcChannel: 1, levelDbfs: -18, noiseDbfs: -50, leadInMs: 20 });
    const script = await fakeArecord(Buffer.from(g.samples.buffer, g.samples.byteOffset, g.samples.byteLength));
    const source = new AlsaSource({ device: 'hw:1,0?channels=2&channel=1', clock: { now: () => performance.now() }, command: script, restartMs: 50 });
    const frames = firstValueFrom(source.frames$.pipe(take(20), toArray()));
    const ended = firstValueFrom(source.events$.pipe(filter((e) => e.message.includes('capture ended'))));
    const t0 = performance.now();
    await source.start();
    const got = await frames;
    expect(got.map((f) => formatTimecode(f.timecode))).toEqual(g.timecodes.map((t) => t && formatTimecode(t)));
    // frame starts keep the audio's spacing (ten frames = 400 ms at 25 fps, to within a frame of capture jitter), never before the capture began
    expect(got[0].atMs).toBeGreaterThanOrEqual(t0);
    expect(Math.abs(got[10].atMs - got[0].atMs - 400)).toBeLessThan(40);
    expect(JSON.parse(await readFile(join(dir, 'args.json'), 'utf8'))).toEqual(['-D', 'hw:1,0', '-t', 'raw', '-f', 'S16_LE', '-r', '48000', '-c', '2', '-q']);
    expect((await ended).message).toContain('alsa:hw:1,0?channels=2&channel=1: capture ended (exit code 1); trying again');
    await source.stop();
  });
});
