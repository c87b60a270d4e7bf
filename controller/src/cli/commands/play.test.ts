import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveShowInput } from '../../live/live-fixtures.test-util';
import { demoShowInput } from '../../show/demo-show';
import { run } from './play';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-play-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('crowdcue play', () => {
  it('refuses a show with every error listed by path, and plays nothing', async () => {
    const show = demoShowInput() as unknown as { cueLists: Array<{ cues: Array<Record<string, unknown>> }> };
    show.cueLists[0].cues[2].fade = -5;
    show.cueLists[0].cues[3].delay = 'soon';
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify(show));
    const c = capture();
    expect(await run([file], c.io)).toBe(1);
    expect(c.err[0]).toContain('cannot play (2 errors)');
    expect(c.err.slice(1).map((l) => l.trim().split(':')[0])).toEqual(['cueLists[0].cues[2].fade', 'cueLists[0].cues[3].delay']);
    expect(c.out).toEqual([]);
  });

  it('refuses a show that flashes too fast, naming the cue', async () => {
    const show = demoShowInput() as unknown as { cueLists: Array<{ cues: Array<{ looks: Record<string, Record<string, unknown>> }> }> };
    show.cueLists[0].cues[8].looks.all.period = 125;
    const file = join(dir, 'fast.json');
    await writeFile(file, JSON.stringify(show));
    const c = capture();
    expect(await run([file], c.io)).toBe(1);
    expect(c.err.join('\n')).toContain('cueLists[0].cues[8].looks.all: "Strobe hit": SQUARE every 125 ms flashes 8/s, limit 3/s');
  });

  it('says what is wrong with a file that is not there or not JSON, and with bad flags', async () => {
    const c = capture();
    expect(await run([join(dir, 'nope.json')], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/cannot read .*nope\.json/);
    const notJson = join(dir, 'x.json');
    await writeFile(notJson, '{ cues: ');
    const d = capture();
    expect(await run([notJson], d.io)).toBe(1);
    expect(d.err[0]).toContain('is not JSON');
    const e = capture();
    expect(await run(['demo', '--until', 'soon'], e.io)).toBe(2);
    expect(e.err[0]).toContain('--until must be a positive number');
    const f = capture();
    expect(await run(['demo', '--transmitter', 'carrier-pigeon://x'], f.io)).toBe(2);
    expect(f.err[0]).toContain('--transmitter carrier-pigeon://x');
    const g = capture();
    expect(await run([], g.io)).toBe(2);
  });

  it('plays the demo on the virtual transmitter and reports cues, packets, airtime and lateness', async () => {
    const c = capture();
    expect(await run(['demo', '--until', '2.5'], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain('transmitters: virtual = virtual');
    expect(text).toMatch(/played 00:02\.\d: stopped at --until 2.5 s/);
    expect(text).toMatch(/cues fired: 1 of 13/);
    expect(text).toMatch(/packets: \d+ \(.*cue \d+.*sync \d+/);
    expect(text).toMatch(/transmitter virtual \(38400 bit\/s\): \d+ SENDs, \d+ transmissions, [\d.]+ s on air = [\d.]+ % of the show/);
    // On a starved machine every timed SEND can reach the device past its time and go out untimed: then none are recorded.
    expect(text).toMatch(/on-air lateness \(virtual transmitter, timed starts\): (p50 [\d.]+ ms {2}p99 [\d.]+ ms {2}max [\d.]+ ms|none recorded)/);
    expect(text).toMatch(/late cues: \d+/);
  });

  it('starts every cue list together: each runs as its own playback through its follows', async () => {
    const show = liveShowInput('two-lists');
    show.cueLists = [
      { id: 'songs', name: 'Songs', cues: [{ id: 's1', number: 1, label: 'Red', looks: { all: { kind: 'color', color: '#ff0000' } }, follow: 200 }, { id: 's2', number: 2, label: 'Green', looks: { all: { kind: 'color', color: '#00ff00' } } }] },
      { id: 'house', name: 'House', priority: 5, cues: [{ id: 'h1', number: 1, label: 'Blue', looks: { zone3: { kind: 'color', color: '#0000ff' } }, follow: 300 }, { id: 'h2', number: 2, label: 'Out', looks: { zone3: { kind: 'off' } } }] },
    ];
    const file = join(dir, 'two-lists.json');
    await writeFile(file, JSON.stringify(show));
    const c = capture();
    expect(await run([file], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain('4 cues in 2 cue lists');
    expect(text).toMatch(/played 00:0\d\.\d: end of show/);
    expect(text).toContain('cues fired: 4 of 4');
  });
});
