/** `crowdcue monitor sacn|artnet` over loopback: real packets in, JSON lines out. */
import { describe, expect, it } from 'vitest';
import { artDmx } from '../../inputs/desk/artnet-packet';
import { RawSender, sacnBytes, sacnSender, until } from '../../inputs/desk/desk-senders.test-util';
import { run } from './monitor';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const portOf = (err: string[]) => Number(/:(\d+)/.exec(err.find((l) => l.startsWith('listening on')) ?? '')?.[1]);

describe('crowdcue monitor', () => {
  it('sacn: prints source, priority, universe and the channels that changed; refusals with their cause', async () => {
    const c = capture();
    const done = run(['sacn', '--universe', '3', '--port', '0', '--count', '4'], c.io);
    await until(() => portOf(c.err) > 0);
    const port = portOf(c.err);
    const s = sacnSender({ universe: 3, port, name: 'FOH desk', cidByte: 2, priority: 120 });
    await s.send({ 1: 255, 12: 40 });
    await s.send({ 1: 255, 12: 40 });
    await s.send({ 1: 255, 12: 41 });
    const raw = new RawSender(port);
    await raw.send(Buffer.from([0, 1, 2]));
    await raw.send(sacnBytes({ universe: 4, slots: { 1: 9 }, sequence: 1, cidByte: 3 }));
    const bye = sacnBytes({ universe: 3, slots: {}, sequence: 9, cidByte: 2 });
    bye[112] |= 0x40;
    await raw.send(bye);
    expect(await done).toBe(0);
    s.close();
    raw.close();
    const lines = c.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ protocol: 'sacn', source: 'FOH desk', address: '127.0.0.1', priority: 120, universe: 3, changed: { '1': 255, '12': 40 } });
    expect(Object.keys(lines[0].changed as object)).toHaveLength(2);
    // The repeat changed nothing: not printed.
    expect(lines[1]).toMatchObject({ changed: { '12': 41 } });
    expect(lines[2]).toMatchObject({ refused: 'too-short', from: '127.0.0.1' });
    expect(lines[3]).toMatchObject({ universe: 3, terminated: true });
  });

  it('artnet: every universe when none is named', async () => {
    const c = capture();
    const done = run(['artnet', '--port', '0', '--count', '2'], c.io);
    await until(() => portOf(c.err) > 0);
    const raw = new RawSender(portOf(c.err));
    await raw.send(artDmx(1, [10, 20]));
    await raw.send(artDmx(258, [0, 0, 7, 0]));
    expect(await done).toBe(0);
    raw.close();
    expect(c.out.map((l) => JSON.parse(l) as unknown)).toMatchObject([
      { protocol: 'artnet', source: '127.0.0.1', priority: null, universe: 1, changed: { '1': 10, '2': 20 } },
      { universe: 258, changed: { '3': 7 } },
    ]);
  });

  it('refuses bad flags and unknown links, naming them', async () => {
    const c = capture();
    expect(await run(['sacn', '--universe', '0'], c.io)).toBe(2);
    expect(await run(['dmx'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/--universe must be a whole number 1..63999, got '0'[\s\S]*unknown link 'dmx'/);
  });
});
