import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCcb } from '@crowdcue/protocol';
import { TestHost } from '@crowdcue/simulator/node';
import { parseSimulateArgs, startSimulation, type AirDelivery, type Simulation } from './simulate';

const quiet = { out: () => undefined, err: () => undefined };
const sims: Simulation[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

describe('crowdcue simulate arguments', () => {
  it('reads a TCP listener and the crowd flags', () => {
    expect(parseSimulateArgs(['--listen', 'tcp://127.0.0.1:7000', '--venue', 'arena', '--seats', '5000', '--seed', '7', '--port', '8080'])).toEqual({
      ok: true,
      value: { listen: { host: '127.0.0.1', port: 7000 }, venue: 'arena', seats: 5000, seed: 7, name: 'CrowdCue simulator', httpPort: 8080 },
    });
    expect(parseSimulateArgs(['--serial', '/dev/pts/3', '--name', 'left'])).toMatchObject({
      ok: true,
      value: { serial: { path: '/dev/pts/3', baudRate: 115200 }, name: 'left' },
    });
  });

  it('names what is wrong', () => {
    const err = (argv: string[]) => {
      const r = parseSimulateArgs(argv);
      return r.ok === false ? r.error : 'ok';
    };
    expect(err([])).toMatch(/exactly one of --listen/);
    expect(err(['--listen', 'tcp://h:1', '--serial', '/dev/x'])).toMatch(/exactly one/);
    expect(err(['--listen', 'udp://h:1'])).toMatch(/--listen must look like/);
    expect(err(['--listen', 'tcp://h:1', '--venue', 'moon'])).toMatch(/--venue must be stadium, arena or field, got 'moon'/);
    expect(err(['--listen', 'tcp://h:1', '--seats', '2.5'])).toMatch(/--seats must be an integer/);
    expect(err(['--listen', 'tcp://h:1', '--bogus'])).toMatch(/bogus/);
  });
});

describe('crowdcue simulate', () => {
  it('serves a device on TCP and reports each transmission at its end', async () => {
    const sim = await startSimulation({ listen: { host: '127.0.0.1', port: 0 }, venue: 'arena', seats: 500, seed: 1, name: 'rehearsal' }, quiet);
    expect(sim.recipe).toEqual({ venue: { kind: 'arena', options: { seats: 500, seed: 1 } }, crowd: { seed: 1 } });
    sims.push(sim);
    const port = Number(/:(\d+)$/.exec(sim.address)?.[1]);
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const host = new TestHost(socket);
    expect(await host.request({ type: 'HELLO' })).toMatchObject({ type: 'INFO', name: 'rehearsal' });
    const got = new Promise<AirDelivery>((r) => sim.onAir(r));
    const green = encodeCcb({ site: 1, seq: 42, target: { kind: 'ALL' }, cmd: 'COLOR', rgb: [0, 255, 0], fadeMs: 0 });
    await host.request({ type: 'SEND', timed: false, priority: false, repeat: 0, gapMs: 0, rf: green });
    const air = await got;
    expect(air.rf[1]).toBe(42);
    expect(air.endMs).toBe(air.tx.endHostMs);
    expect(air.reached?.reduce((a, b) => a + b, 0)).toBe(sim.crowd.bandCount);
    const seat = sim.crowd.present.indexOf(1);
    expect(sim.crowd.colorOf(seat, air.endMs + 1)).toEqual([0, 255, 0]);
    socket.destroy();
  });

  it('sizes a field by people, the field generator\'s own word', async () => {
    const sim = await startSimulation({ listen: { host: '127.0.0.1', port: 0 }, venue: 'field', seats: 700, seed: 2, name: 'f' }, quiet);
    sims.push(sim);
    expect(sim.recipe.venue).toEqual({ kind: 'field', options: { people: 700, seed: 2 } });
    expect(sim.crowd.count).toBe(700);
  });

  it('runs as a command and exits cleanly on SIGTERM', async () => {
    const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../../../bin/crowdcue.js');
    const child = spawn(process.execPath, [bin, 'simulate', '--listen', 'tcp://127.0.0.1:0', '--no-page'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise<void>((resolveReady, reject) => {
      child.stdout.on('data', () => /virtual transmitter .* at tcp:/.test(out) && resolveReady());
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(out).toMatch(/SIGTERM: stopping/);
  });
});

describe('simulate page flags', () => {
  it('serves the page by default and takes --no-page to leave it out', () => {
    const base = ['--listen', 'tcp://127.0.0.1:7000'];
    expect(parseSimulateArgs(base)).toMatchObject({ ok: true, value: { httpPort: undefined } });
    expect(parseSimulateArgs([...base, '--no-page'])).toMatchObject({ ok: true, value: { noPage: true } });
    expect(parseSimulateArgs([...base, '--no-page', '--port', '9000'])).toMatchObject({ ok: false, error: expect.stringMatching(/not both/) });
  });
});
