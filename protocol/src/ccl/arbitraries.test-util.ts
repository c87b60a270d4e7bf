/** fast-check generators for valid CCL messages, shared by the CCL tests. */
import fc from 'fast-check';
import type { CclMessage } from './types';

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });

const send: fc.Arbitrary<CclMessage> = fc.boolean().chain((timed) =>
  fc.record({
    type: fc.constant('SEND' as const),
    timed: fc.constant(timed),
    priority: fc.boolean(),
    repeat: u8,
    gapMs: u8,
    rf: fc.uint8Array({ minLength: 1, maxLength: timed ? 243 : 247 }),
  }).chain((m) => (timed ? u32.map((atUs) => ({ ...m, atUs })) : fc.constant(m))),
);

export const arbCclMessage: fc.Arbitrary<CclMessage> = fc.oneof(
  fc.constantFrom<CclMessage>({ type: 'HELLO' }, { type: 'TIME' }, { type: 'FLUSH' }),
  send,
  fc.record({ type: fc.constantFrom('PING' as const, 'PONG' as const), data: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({
    type: fc.constant('INFO' as const),
    proto: u8,
    rfMax: fc.integer({ min: 1, max: 0xff }),
    queueCap: u8,
    bitrate: fc.integer({ min: 1, max: 0xffffffff }),
    overhead: u8,
    name: fc.string({ maxLength: 60, unit: 'grapheme' }),
  }),
  fc.record({ type: fc.constant('ACK' as const), queued: u8 }),
  fc.record({
    type: fc.constant('NACK' as const),
    reason: fc.oneof(
      fc.constantFrom('QUEUE_FULL' as const, 'TOO_LATE' as const, 'TOO_LONG' as const, 'BAD_FRAME' as const, 'BUSY' as const, 'FENCED' as const),
      fc.integer({ min: 7, max: 0xff }),
      fc.constant(0),
    ),
  }),
  fc.record({ type: fc.constant('CLOCK' as const), nowUs: u32 }),
  fc.record({ type: fc.constant('STATUS' as const), queued: u8, sent: u32, late: u16, dropped: u16 }),
);

export const arbSeq = u8;
