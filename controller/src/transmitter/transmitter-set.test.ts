import { BehaviorSubject, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { TransmitterSet, obsoletedBy } from './transmitter-set';
import type { OnAirPacket, PacketPurpose, PlannedPacket, Transmitter, TransmitterEvent, TransmitterHealth } from './types';

class FakeTransmitter implements Transmitter {
  readonly url = 'fake';
  readonly health = new BehaviorSubject<TransmitterHealth>(this.h('down'));
  readonly health$ = this.health.asObservable();
  readonly air = new Subject<OnAirPacket>();
  readonly onAir$ = this.air.asObservable();
  readonly events = new Subject<TransmitterEvent>();
  readonly events$ = this.events.asObservable();
  queue: PlannedPacket[] = [];
  log: string[] = [];

  constructor(
    readonly id: string,
    readonly coverage: number[] | 'ALL',
  ) {}

  h(state: TransmitterHealth['state']): TransmitterHealth {
    return { id: this.id, url: this.url, state, queueDepth: 0, airtimePct: 0, packetsSent: 0, nacks: {}, lateSends: 0, badFrames: 0 };
  }
  capabilities() {
    return undefined;
  }
  async start() {
    this.health.next(this.h('up'));
  }
  async stop() {
    this.health.next(this.h('down'));
  }
  send(p: PlannedPacket) {
    this.log.push(`send ${p.seq}${p.priority ? ' priority' : ''}`);
    this.queue.push(p);
  }
  flush(obsolete?: (p: PlannedPacket) => boolean) {
    const drop = this.queue.filter((p) => !obsolete || obsolete(p));
    this.log.push(`flush ${drop.map((p) => p.seq).join(',')}`);
    this.queue = this.queue.filter((p) => !drop.includes(p));
  }
}

const pkt = (seq: number, zones: number[] | 'ALL', purpose: PacketPurpose = 'cue'): PlannedPacket => ({
  seq,
  rf: new Uint8Array([1, seq]),
  zones,
  atMs: null,
  priority: false,
  repeat: 0,
  gapMs: 0,
  purpose,
});

describe('TransmitterSet', () => {
  it('sends each packet to every transmitter whose coverage meets its zones', () => {
    const left = new FakeTransmitter('left', [0, 1, 2]);
    const right = new FakeTransmitter('right', [2, 3]);
    const everywhere = new FakeTransmitter('all', 'ALL');
    const set = new TransmitterSet([left, right, everywhere]);
    expect(set.send(pkt(1, [0]))).toEqual(['left', 'all']);
    expect(set.send(pkt(2, [2]))).toEqual(['left', 'right', 'all']);
    expect(set.send(pkt(3, [3, 9]))).toEqual(['right', 'all']);
    expect(set.send(pkt(4, 'ALL'))).toEqual(['left', 'right', 'all']);
    expect(set.send(pkt(5, [40]))).toEqual(['all']);
  });

  it('flushes what a blackout makes obsolete, then sends it as priority', () => {
    const t = new FakeTransmitter('t', 'ALL');
    const set = new TransmitterSet([t]);
    set.send(pkt(1, 'ALL', 'cue'));
    set.send(pkt(2, 'ALL', 'sync'));
    set.send(pkt(3, [1], 'parade'));
    set.send(pkt(4, 'ALL', 'blackout'));
    expect(t.log).toEqual(['send 1', 'send 2', 'send 3', 'flush 1,3', 'send 4 priority']);
    expect(t.queue.map((p) => p.seq)).toEqual([2, 4]);
  });

  it('a master level flushes only older master packets for the same zones', () => {
    const isObsolete = obsoletedBy(pkt(9, [1, 2], 'master'))!;
    expect(isObsolete(pkt(1, [2], 'master'))).toBe(true);
    expect(isObsolete(pkt(2, [5], 'master'))).toBe(false);
    expect(isObsolete(pkt(3, [1], 'cue'))).toBe(false);
    expect(obsoletedBy(pkt(4, 'ALL', 'cue'))).toBeUndefined();
  });

  it('merges health, on-air and events; reports reconnects', async () => {
    const a = new FakeTransmitter('a', 'ALL');
    const set = new TransmitterSet([a]);
    const health: string[][] = [];
    set.health$.subscribe((hs) => health.push(hs.map((h) => `${h.id}:${h.state}`)));
    const back: string[] = [];
    set.reconnect$.subscribe((t) => back.push(t.id));
    const b = new FakeTransmitter('b', [3]);
    set.add(b);
    expect(() => set.add(new FakeTransmitter('b', 'ALL'))).toThrow(/already in the set/);
    await set.start();
    expect(health.at(-1)).toEqual(['a:up', 'b:up']);
    b.events.next({ type: 'up', transmitterId: 'b', atMs: 1, reconnect: true });
    a.events.next({ type: 'up', transmitterId: 'a', atMs: 1, reconnect: false });
    expect(back).toEqual(['b']);
    await set.remove('a');
    expect(health.at(-1)).toEqual(['b:up']);
    expect(set.transmitters.map((t) => t.id)).toEqual(['b']);
  });
});
