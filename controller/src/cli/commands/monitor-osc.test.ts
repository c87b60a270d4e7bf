import { describe, expect, it } from 'vitest';
import { until } from '../../live/live-fixtures.test-util';
import { f, OscTestClient, s } from '../../inputs/osc/osc-client.test-util';
import { monitorOsc } from './monitor-osc';
import { run } from './monitor';

describe('crowdcue monitor osc', () => {
  it('prints each message of real OSC packets as one JSON line, and a reason for garbage', async () => {
    const out: string[] = [];
    const err: string[] = [];
    let stop!: () => void;
    const done = monitorOsc(['--port', '0'], { out: (l) => out.push(l), err: (l) => err.push(l) }, new Promise<void>((r) => (stop = r)));
    await until('listening', () => err.length > 0);
    const port = Number(/:(\d+)$/.exec(err[0])![1]);
    const client = await OscTestClient.open(port);
    const clientPort = client.port;
    client.send('/crowdcue/master', f(0.5));
    client.sendPacket({ timetag: [0, 1], elements: [{ address: '/crowdcue/go', args: [s('songs')] }, { address: '/crowdcue/ping' }] });
    client.sendRaw(new Uint8Array([1, 2, 3]));
    await until('four lines', () => out.length === 4);
    await client.close();
    stop();
    expect(await done).toBe(0);
    const lines = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ from: `127.0.0.1:${clientPort}`, address: '/crowdcue/master', args: [{ type: 'float', value: 0.5 }] });
    expect(lines[1]).toMatchObject({ address: '/crowdcue/go', args: [{ type: 'string', value: 'songs' }] });
    expect(lines[2]).toMatchObject({ address: '/crowdcue/ping', args: [] });
    expect(lines[3]).toMatchObject({ bytes: 3, error: expect.stringMatching(/not an OSC packet/) });
  });

  it('refuses a bad port and an unknown link', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (l: string) => err.push(l) };
    expect(await monitorOsc(['--port', 'x'], io)).toBe(2);
    expect(err[0]).toMatch(/--port must be a UDP port/);
    expect(await run(['midi'], io)).toBe(2);
    expect(err[1]).toMatch(/unknown link 'midi'/);
  });
});
