/**
 * OSC feedback carries the live timecode input's timecode with no hook wired:
 * Art-Net OpTimeCode arrives over loopback, the show chases it, and an OSC
 * subscriber is sent `/crowdcue/state/timecode`.
 */
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frameToTimecode, OscInputSchema } from '@crowdcue/protocol';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { liveShowInput, RED } from '../../live/live-fixtures.test-util';
import { LiveShowRuntime } from '../../live/live-show-runtime';
import { ShowStore } from '../../storage/show-store';
import { encodeArtTimecode } from '../timecode/artnet-timecode';
import { OscTestClient } from './osc-client.test-util';
import { OscInputServer } from './osc-input';
import { freeUdpPort } from '../../free-port.test-util';

let dir: string;
const open: Array<{ close(): Promise<void> }> = [];
const sender = createSocket('udp4');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-osc-tc-'));
});
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
  await rm(dir, { recursive: true, force: true });
});

describe('OSC timecode feedback', () => {
  it('sends subscribers the timecode the live show chases', async () => {
    const port = await freeUdpPort();
    const shows = new ShowStore(dir);
    await shows.init();
    const show = liveShowInput('tc-osc');
    show.cueLists = [{ id: 'songs', name: 'Songs', cues: [{ id: 'red', number: 1, label: 'Red', timecode: '01:00:00:10', looks: { all: { kind: 'color', color: RED } } }] }];
    show.inputs = { timecode: { source: `artnet:${port}`, rate: 25, freewheelFrames: 3 } };
    await shows.save(show, 'test');
    const runtime = new LiveShowRuntime({ shows, dataDir: dir, reportEveryMs: 100, heartbeatMs: 200 });
    open.push(runtime);
    await runtime.load('tc-osc');
    const input = await OscInputServer.open({ config: OscInputSchema.parse({}), host: '127.0.0.1', port: 0, runtime, feedbackEveryMs: 10 });
    open.push(input);
    const client = await OscTestClient.open(input.port);
    open.push(client);
    client.send('/crowdcue/subscribe');
    const seen = client.next((m) => m.address === '/crowdcue/state/timecode' && /^01:00:00:\d\d$/.test(String(m.args[0]?.value)));
    for (let n = 0; n < 10; n++) {
      await new Promise<void>((r) => sender.send(encodeArtTimecode(frameToTimecode(25 * 3600 + n, 25, false), 25), port, '127.0.0.1', () => r()));
      await new Promise((r) => setTimeout(r, 40));
    }
    await seen;
  });
});
