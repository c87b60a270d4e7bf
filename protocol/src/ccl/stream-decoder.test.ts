import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import vectors from '../../test-data/vectors.json';
import { cobsEncode } from '../cobs';
import { fromHex } from '../hex';
import { arbCclMessage, arbSeq } from './arbitraries.test-util';
import { CCL_MAX_ENCODED, encodeFrameBytes, encodeRawFrame, frameToWire } from './frame';
import { encodeCclFrame } from './messages';
import { CclStreamDecoder, badFrameReply, damagedFrameCount, type CclDecoded } from './stream-decoder';

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

const frames = (items: CclDecoded[]) => items.flatMap((d) => (d.kind === 'frame' ? [d.frame] : []));
const drops = (items: CclDecoded[]) => items.flatMap((d) => (d.kind === 'dropped' ? [d] : []));

describe('CclStreamDecoder', () => {
  it('decodes every vector, fed one byte at a time', () => {
    const dec = new CclStreamDecoder();
    const out: CclDecoded[] = [];
    const stream = concat(...vectors.ccl.map((v) => fromHex(v.wire)));
    for (const b of stream) out.push(...dec.push(Uint8Array.of(b)));
    expect(frames(out).map((f) => [f.seq, f.message.type])).toEqual(
      vectors.ccl.map((v) => [v.seq, v.name === 'nack too late' ? 'NACK' : v.name.split(' ')[0].toUpperCase()]),
    );
    expect(dec.stats).toMatchObject({ frames: vectors.ccl.length, droppedTotal: 0, bytes: stream.length });
  });

  it('ignores empty segments (a sender flushing with 0x00)', () => {
    const dec = new CclStreamDecoder();
    const out = dec.push(concat(Uint8Array.of(0, 0), fromHex(vectors.ccl[0].wire), Uint8Array.of(0)));
    expect(frames(out)).toHaveLength(1);
    expect(dec.stats.droppedTotal).toBe(0);
  });

  it('holds a frame until its delimiter arrives', () => {
    const dec = new CclStreamDecoder();
    const wire = fromHex(vectors.ccl[1].wire);
    expect(dec.push(wire.subarray(0, 5))).toEqual([]);
    expect(dec.buffered).toBe(5);
    expect(frames(dec.push(wire.subarray(5)))).toHaveLength(1);
    expect(dec.buffered).toBe(0);
  });

  it('drops and counts each cause, then resynchronises', () => {
    const good = fromHex(vectors.ccl[0].wire);
    const badCrc = frameToWire(fromHex('0101009dc9'));
    const badCobs = Uint8Array.of(0x05, 0x11, 0x00);
    const short = frameToWire(fromHex('010100'));
    const badVersion = encodeRawFrame({ version: 2, type: 1, seq: 40, payload: new Uint8Array() });
    const badType = encodeRawFrame({ version: 1, type: 0x7f, seq: 41, payload: new Uint8Array() });
    const badPayload = encodeRawFrame({ version: 1, type: 0x02, seq: 42, payload: Uint8Array.of(0x80, 0, 0, 1) });
    const dec = new CclStreamDecoder();
    const out = dec.push(concat(badCrc, good, badCobs, good, short, badVersion, badType, badPayload, good));
    expect(out.map((d) => (d.kind === 'frame' ? 'frame' : d.cause))).toEqual(
      ['crc', 'frame', 'cobs', 'frame', 'length', 'version', 'type', 'payload', 'frame'],
    );
    expect(dec.stats.dropped).toEqual({ cobs: 1, length: 1, crc: 1, version: 1, type: 1, payload: 1 });
    expect(dec.stats.droppedTotal).toBe(6);
    expect(damagedFrameCount(dec.stats)).toBe(3);
    const payloadDrop = drops(out).find((d) => d.cause === 'payload');
    expect(payloadDrop?.error).toMatchObject({ code: 'BAD_FIELD', field: 'flags' });
    expect(payloadDrop?.raw?.seq).toBe(42);
  });

  it('tells a device which drops to answer with NACK BAD_FRAME', () => {
    const dec = new CclStreamDecoder({ parse: { from: 'host' } });
    const out = dec.push(concat(
      encodeRawFrame({ version: 9, type: 1, seq: 77, payload: new Uint8Array() }),
      encodeCclFrame(78, { type: 'ACK', queued: 0 }),
      frameToWire(fromHex('0101009dc9')),
      fromHex(vectors.ccl[0].wire),
    ));
    const replies = out.map(badFrameReply);
    expect(replies[0]).toEqual(encodeCclFrame(77, { type: 'NACK', reason: 'BAD_FRAME' }));
    expect(replies[1]).toEqual(encodeCclFrame(78, { type: 'NACK', reason: 'BAD_FRAME' }));
    expect(replies[2]).toBeNull();
    expect(replies[3]).toBeNull();
  });

  it('bounds memory on a stream without 0x00 and recovers at the next one', () => {
    const dec = new CclStreamDecoder();
    const noise = new Uint8Array(64 * 1024).fill(0x55);
    let out: CclDecoded[] = [];
    for (let i = 0; i < 16; i++) {
      out = out.concat(dec.push(noise));
      expect(dec.buffered).toBeLessThanOrEqual(CCL_MAX_ENCODED);
    }
    expect(drops(out)).toHaveLength(1);
    expect(drops(out)[0]).toMatchObject({ cause: 'length', error: { code: 'TOO_LONG' } });
    const after = dec.push(concat(Uint8Array.of(0), fromHex(vectors.ccl[0].wire)));
    expect(frames(after)).toHaveLength(1);
    expect(dec.stats.dropped.length).toBe(1);
  });

  it('accepts the longest frame and refuses one byte more', () => {
    // A 255-byte frame with no 0x00 anywhere (CRC included) has the longest encoding.
    let fill = 1;
    while (encodeFrameBytes({ version: 1, type: 5, seq: 1, payload: new Uint8Array(250).fill(fill) }).includes(0)) fill++;
    const longest = encodeRawFrame({ version: 1, type: 5, seq: 1, payload: new Uint8Array(250).fill(fill) });
    expect(longest.length - 1).toBe(CCL_MAX_ENCODED);
    const dec = new CclStreamDecoder();
    expect(dec.push(longest)[0].kind).toBe('dropped'); // PING payload is at most 16 bytes...
    expect(dec.stats.dropped.payload).toBe(1); // ...but the frame itself arrived intact.
    const tooLong = concat(cobsEncode(new Uint8Array(256).fill(1)), Uint8Array.of(0));
    const d2 = new CclStreamDecoder();
    expect(d2.push(tooLong)).toMatchObject([{ kind: 'dropped', cause: 'length' }]);
  });

  it('reset forgets a half frame', () => {
    const dec = new CclStreamDecoder();
    dec.push(Uint8Array.of(1, 2, 3));
    dec.reset();
    expect(frames(dec.push(fromHex(vectors.ccl[0].wire)))).toHaveLength(1);
    expect(dec.stats.droppedTotal).toBe(0);
  });
});

/** A stream piece: a valid frame, or garbage followed by the 0x00 a sender puts before its next frame. */
type Piece = { frame: { seq: number; wire: Uint8Array } } | { garbage: Uint8Array };

const arbPiece: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(arbSeq, arbCclMessage).map(([seq, m]) => ({ frame: { seq, wire: encodeCclFrame(seq, m) } })) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.uint8Array({ minLength: 200, maxLength: 700, min: 1 }),
      // A valid frame cut short or with a flipped byte.
      fc.tuple(arbCclMessage, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([m, at, x]) => {
        const damaged = encodeCclFrame(1, m).slice(0, -1);
        damaged[at % damaged.length] ^= x;
        return at % 2 ? damaged : damaged.subarray(0, at % damaged.length);
      }),
    ).map((garbage) => ({ garbage })),
  },
);

describe('CclStreamDecoder under garbage (property)', () => {
  it('never throws and never loses a valid frame that follows a 0x00', () => {
    fc.assert(fc.property(fc.array(arbPiece, { maxLength: 25 }), fc.array(fc.nat(), { maxLength: 30 }), (pieces, cuts) => {
      const parts: Uint8Array[] = [];
      const sent: number[] = [];
      for (const p of pieces) {
        if ('frame' in p) {
          parts.push(p.frame.wire);
          sent.push(p.frame.seq);
        } else {
          parts.push(p.garbage, Uint8Array.of(0));
        }
      }
      const stream = concat(...parts);
      const points = [...new Set(cuts.map((c) => (stream.length ? c % stream.length : 0)))].sort((a, b) => a - b);
      const dec = new CclStreamDecoder();
      const out: CclDecoded[] = [];
      let from = 0;
      for (const at of [...points, stream.length]) {
        out.push(...dec.push(stream.subarray(from, at)));
        from = at;
        expect(dec.buffered).toBeLessThanOrEqual(CCL_MAX_ENCODED);
      }
      // Every sent frame arrives, in order; garbage may by chance add frames between them.
      const got = frames(out).map((f) => f.seq);
      let k = 0;
      for (const seq of got) if (k < sent.length && seq === sent[k]) k++;
      expect(k).toBe(sent.length);
      const s = dec.stats;
      expect(s.frames + s.droppedTotal).toBe(out.length);
    }), { numRuns: 300 });
  });
});
