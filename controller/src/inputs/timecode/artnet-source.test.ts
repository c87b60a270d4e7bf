import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, take, toArray } from 'rxjs';
import { formatTimecode, parseTimecode, type Timecode } from '@crowdcue/protocol';
import { decodeArtTimecode, encodeArtTimecode } from './artnet-timecode';
import { ArtnetTimecodeSource } from './artnet-source';

const tc = (s: string): Timecode => (parseTimecode(s) as { ok: true; value: Timecode }).value;
const sender = createSocket('udp4');
let source: ArtnetTimecodeSource | undefined;
afterEach(async () => {
  await source?.stop();
  source = undefined;
});

function send(bytes: Uint8Array, port: number): Promise<void> {
  return new Promise((resolve, reject) => sender.send(bytes, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
}

describe('Art-Net timecode', () => {
  it('encodes and decodes OpTimeCode at each type, refusing bad fields by name', () => {
    for (const [rate, text] of [[24, '01:00:00:23'], [25, '23:59:59:24'], [29.97, '00:01:00;02'], [30, '12:34:56:29']] as const) {
      const r = decodeArtTimecode(encodeArtTimecode(tc(text), rate, 3));
      expect(r.ok && { tc: formatTimecode(r.value.timecode), rate: r.value.rate, stream: r.value.streamId }).toEqual({ tc: text, rate, stream: 3 });
    }
    const bad = encodeArtTimecode(tc('01:00:00:00'), 25);
    bad[14] = 25;
    expect(decodeArtTimecode(bad)).toMatchObject({ ok: false, error: { field: 'frames', message: 'frame 25 does not exist at 25 fps' } });
    bad[14] = 0;
    bad[18] = 7;
    expect(decodeArtTimecode(bad)).toMatchObject({ ok: false, error: { field: 'type' } });
    expect(decodeArtTimecode(bad.subarray(0, 15))).toMatchObject({ ok: false, error: { code: 'TOO_SHORT' } });
    expect(decodeArtTimecode(new TextEncoder().encode('hello world, not art-net'))).toMatchObject({ ok: false, error: { code: 'NOT_ARTNET' } });
  });

  it('receives OpTimeCode over loopback UDP, skips other Art-Net packets and counts malformed ones', async () => {
    source = new ArtnetTimecodeSource({ port: 0, host: '127.0.0.1', clock: { now: () => performance.now() } });
    const got = firstValueFrom(source.frames$.pipe(take(3), toArray()));
    const warnings: string[] = [];
    source.events$.subscribe((e) => warnings.push(e.message));
    await source.start();
    const port = source.port as number;
    const artDmx = encodeArtTimecode(tc('00:00:00:00'), 25);
    artDmx[9] = 0x50; // OpDmx
    await send(artDmx, port);
    await send(new Uint8Array([1, 2, 3]), port);
    const short = encodeArtTimecode(tc('00:00:00:00'), 25).subarray(0, 16);
    await send(short, port);
    const before = performance.now();
    for (const t of ['01:00:00:00', '01:00:00:01', '01:00:00:02']) await send(encodeArtTimecode(tc(t), 25), port);
    const frames = await got;
    expect(frames.map((f) => formatTimecode(f.timecode))).toEqual(['01:00:00:00', '01:00:00:01', '01:00:00:02']);
    expect(frames.every((f) => f.rate === 25 && f.atMs >= before)).toBe(true);
    expect(source.refused).toEqual({ NOT_ARTNET: 1, TOO_SHORT: 1 });
    expect(warnings).toHaveLength(2);
  });

  it('follows the first sender when two send timecode, and lets another take over once it is silent', async () => {
    let nowMs = 10_000;
    source = new ArtnetTimecodeSource({ port: 0, host: '127.0.0.1', clock: { now: () => nowMs } });
    const frames: string[] = [];
    const warnings: string[] = [];
    source.frames$.subscribe((f) => frames.push(formatTimecode(f.timecode)));
    source.events$.subscribe((e) => warnings.push(e.message));
    await source.start();
    const s = source;
    const port = s.port as number;
    const seen = async (n: number) => {
      for (let i = 0; i < 300 && frames.length + s.ignored < n; i++) await new Promise((r) => setTimeout(r, 10));
      expect(frames.length + s.ignored).toBe(n);
    };
    // A desk (stream 0) and a media server (stream 1) on the same network, each at its own song position.
    for (let f = 0; f < 3; f++) {
      await send(encodeArtTimecode(tc(`01:00:00:0${f}`), 25, 0), port);
      await send(encodeArtTimecode(tc(`02:00:00:0${f}`), 25, 1), port);
      nowMs += 40;
    }
    await seen(6);
    expect(frames).toEqual(['01:00:00:00', '01:00:00:01', '01:00:00:02']);
    expect(s.ignored).toBe(3);
    expect(s.following).toBe('127.0.0.1 stream 0');
    expect(warnings).toEqual([`artnet:0: timecode also from 127.0.0.1 stream 1; following 127.0.0.1 stream 0 (heard first)`]);

    // The desk stops; a second later the media server is followed.
    nowMs += 1000;
    await send(encodeArtTimecode(tc('02:00:01:00'), 25, 1), port);
    await seen(7);
    expect(frames.at(-1)).toBe('02:00:01:00');
    expect(s.following).toBe('127.0.0.1 stream 1');
    expect(warnings.at(-1)).toBe('artnet:0: 127.0.0.1 stream 0 went silent; following 127.0.0.1 stream 1');
  });
});
