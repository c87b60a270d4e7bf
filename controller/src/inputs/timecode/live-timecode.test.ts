/**
 * The live server chasing Art-Net timecode sent over loopback UDP: the live
 * state carries source, timecode, lock and offset; the timecoded cue fires
 * and reaches the crowd; a dropout freewheels, then holds as lost.
 */
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { frameToTimecode, type LiveState } from '@crowdcue/protocol';
import { snapshot } from '@crowdcue/simulator';
import { ShowStore } from '../../storage/show-store';
import { LiveShowRuntime } from '../../live/live-show-runtime';
import { liveShowInput, RED, until } from '../../live/live-fixtures.test-util';
import { encodeArtTimecode } from './artnet-timecode';
import { freeUdpPort } from '../../free-port.test-util';

let dir: string;
let runtime: LiveShowRuntime | undefined;
const sender = createSocket('udp4');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-live-tc-'));
});
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('live timecode (Art-Net over loopback)', () => {
  it('chases Art-Net timecode: status in the live state, the cue on its frame, freewheel then lost', async () => {
    const port = await freeUdpPort();
    const shows = new ShowStore(dir);
    await shows.init();
    const show = liveShowInput('tc-live');
    show.cueLists = [{ id: 'songs', name: 'Songs', cues: [{ id: 'red', number: 1, label: 'Red', timecode: '01:00:00:10', looks: { all: { kind: 'color', color: RED } } }] }];
    show.inputs = { timecode: { source: `artnet:${port}`, rate: 25, freewheelFrames: 3 } };
    await shows.save(show, 'test');
    runtime = new LiveShowRuntime({ shows, dataDir: dir, reportEveryMs: 100, heartbeatMs: 200 });
    const states: LiveState[] = [];
    runtime.state$.subscribe((s) => states.push(s));
    await runtime.load('tc-live');
    expect(runtime.snapshot().inputs?.timecode).toMatchObject({ source: `artnet:${port}`, lock: 'lost', timecode: null, cueLists: ['songs'] });

    // 20 frames of 01:00:00:00.. at 25 fps, as a desk sends them
    for (let n = 0; n < 20; n++) {
      const tc = frameToTimecode(25 * 3600 + n, 25, false);
      await new Promise<void>((r) => sender.send(encodeArtTimecode(tc, 25), port, '127.0.0.1', () => r()));
      await new Promise((r) => setTimeout(r, 40));
    }
    const r = runtime;
    await until('the red cue on the crowd', () => snapshot(r.current!.crowd!, performance.now()).histogram()[0].rgb.join() === RED.join());
    expect(states.some((s) => s.inputs?.timecode?.lock === 'locked')).toBe(true);
    const locked = states.filter((s) => s.inputs?.timecode?.lock === 'locked').at(-1)?.inputs?.timecode;
    expect(locked?.timecode).toMatch(/^01:00:00:\d\d$/);
    expect(locked?.offsetMs).not.toBeNull();
    expect(r.snapshot().playbacks[0].current?.id).toBe('red');
    await until('timecode lost after the freewheel', () => r.snapshot().inputs?.timecode?.lock === 'lost');
    expect(states.map((s) => s.inputs?.timecode?.lock)).toContain('freewheeling');
    expect(r.snapshot().inputs?.timecode?.frames).toBe(20);
  });
});
