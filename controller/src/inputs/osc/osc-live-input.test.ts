/**
 * The controller server's OSC input: opened from `--osc` (or the live show's
 * inputs), reported in the live state, and re-opened when the live show's
 * inputs are saved.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShowInput } from '@crowdcue/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from '../../live/live-fixtures.test-util';
import { startControllerServer, type ControllerServer } from '../../server/controller-server';
import { parseStartArgs } from '../../cli/commands/start';
import { i, OscTestClient } from './osc-client.test-util';

let dir: string;
let server: ControllerServer | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-osc-live-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('the live OSC input', () => {
  it('reads --osc PORT on start, and refuses a port out of range', () => {
    expect(parseStartArgs(['--osc', '9000'])).toMatchObject({ ok: true, options: { oscPort: 9000 } });
    expect(parseStartArgs(['--osc', '80'])).toEqual({ ok: false, error: "--osc must be a UDP port 1024..65535, got '80'" });
  });

  it('listens where --osc says, shows in the live state, and follows the live show inputs when saved', async () => {
    server = await startControllerServer({ dataDir: dir, port: 0, oscPort: 0, buildConsole: false, runtime: { reportEveryMs: 200, crowd: false } });
    const s = server;
    expect(s.osc.port).toBeGreaterThan(0);
    const client = await OscTestClient.open(s.osc.port);
    try {
      client.send('/crowdcue/master', i(100));
      expect((await client.reply('/crowdcue/master')).address).toBe('/crowdcue/ok');
      expect(s.runtime.snapshot().master).toBe(100);
      expect(s.runtime.snapshot().inputs?.osc).toMatchObject({ state: 'listening', source: 'command line', messages: 1, dropped: 0 });

      // An operator narrows the allow-list of the live show: loopback is no longer let in.
      const stored = await s.shows.get('demo');
      const show = { ...stored.show, inputs: { osc: { port: 9000, allow: ['10.0.0.0/8'] } } } as unknown as ShowInput;
      await s.shows.save(show, 'operator', { expectedRevision: stored.revision });
      s.osc.showSaved('demo');
      await s.osc.refresh();
      const next = await OscTestClient.open(s.osc.port);
      try {
        next.send('/crowdcue/master', i(5));
        await until('dropped', () => (s.runtime.snapshot().inputs?.osc?.dropped ?? 0) === 1);
        expect(s.runtime.snapshot().master).toBe(100);
      } finally {
        await next.close();
      }
    } finally {
      await client.close();
    }
  });
});
