/**
 * The OSC input's cost: a `master` command from an OSC packet to its
 * `/crowdcue/ok` over loopback UDP (through the gate and the live runtime, no
 * data directory), alone and while one allowed source floods the port with
 * garbage; and what the flood does to the event loop (delay p99/max) and how
 * much of it the flood guard drops before decoding. The flood is paced at
 * about 5,000 packets a second (an unpaced sender in this process only fills
 * the kernel's UDP buffer, and then nothing gets through to anyone). Measures only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { OscInputSchema } from '@crowdcue/protocol';
import { i, OscTestClient } from '../../controller/src/inputs/osc/osc-client.test-util';
import { OscInputServer } from '../../controller/src/inputs/osc/osc-input';
import { liveShowInput } from '../../controller/src/live/live-fixtures.test-util';
import { LiveShowRuntime } from '../../controller/src/live/live-show-runtime';
import { ShowStore } from '../../controller/src/storage/show-store';
import type { BenchResult } from './types';

const N = 200;

function stats(what: string, samples: number[]): Record<string, string | number> {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { what, n: s.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: s[s.length - 1] };
}

/** Round trips answered, and how many got no answer within a second (lost in a full UDP buffer). */
async function roundTrips(client: OscTestClient, n: number): Promise<{ samples: number[]; lost: number }> {
  const out: number[] = [];
  let lost = 0;
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    client.send('/crowdcue/master', i(k % 256));
    try {
      await client.next((m) => m.address === '/crowdcue/ok' && m.args[0]?.value === '/crowdcue/master', 1000);
      out.push(performance.now() - t0);
    } catch {
      lost++;
    }
    // Fader moves are limited to 120 a second per source: stay under it.
    await new Promise((r) => setTimeout(r, 10));
  }
  client.received.length = 0;
  return { samples: out, lost };
}

export async function bench(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'crowdcue-osc-bench-'));
  const shows = new ShowStore(dir);
  await shows.init();
  await shows.save(liveShowInput(), 'bench');
  const runtime = new LiveShowRuntime({ shows, crowd: false });
  await runtime.load('live-test');
  const input = await OscInputServer.open({ config: OscInputSchema.parse({ allow: ['127.0.0.0/8'] }), host: '127.0.0.1', port: 0, runtime });
  const client = await OscTestClient.open(input.port);
  // The flooder is another machine on the allow-list: another loopback address.
  const flooder = await OscTestClient.open(input.port, '127.0.0.2');
  const rows: Array<Record<string, string | number>> = [];
  let flooding = false;
  let flood: Promise<void> = Promise.resolve();
  try {
    const idle = await roundTrips(client, N);
    rows.push({ ...stats('master: OSC packet to /crowdcue/ok, idle', idle.samples), lost: idle.lost });

    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    let sent = 0;
    flooding = true;
    const garbage = new Uint8Array(64).fill(0xab);
    flood = (async () => {
      while (flooding) {
        // About 5,000 packets a second: 25 times what the flood guard lets one source send.
        for (let k = 0; k < 10; k++) flooder.sendRaw(garbage);
        sent += 10;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const during = await roundTrips(client, N);
    flooding = false;
    await flood;
    loop.disable();
    rows.push({ ...stats('master: OSC packet to /crowdcue/ok, during a garbage flood', during.samples), lost: during.lost });
    const st = input.status();
    rows.push({ what: 'event loop delay during the flood', n: loop.count, p50Ms: loop.percentile(50) / 1e6, p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 });
    return {
      name: 'OSC input',
      rows,
      notes: [
        `flood: ${sent} garbage packets sent; ${st.rateLimited} dropped by the flood guard before decoding, ${st.malformed} decoded and counted malformed (the rest lost by the kernel's UDP buffer)`,
        'the flooder and the controller share this process and its 2 cores, so the flood also costs the sender',
      ],
    };
  } finally {
    flooding = false;
    await flood;
    await client.close();
    await flooder.close();
    await input.close();
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
}
