/**
 * What durability costs a live command: the command journal's append + fdatasync
 * alone, and a live command's acknowledgement (`master`) through the runtime with
 * the journal (written ahead, acknowledged once on disk) against the same
 * runtime with no data directory (nothing written). On this machine's temp
 * directory; a venue laptop's SSD will differ. Measures only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublicAccount } from '../../controller/src/accounts/account-store';
import { CommandJournal } from '../../controller/src/live/command-journal';
import { liveShowInput } from '../../controller/src/live/live-fixtures.test-util';
import { LiveShowRuntime } from '../../controller/src/live/live-show-runtime';
import { ShowStore } from '../../controller/src/storage/show-store';
import type { BenchResult } from './types';

const N = 200;
const operator: PublicAccount = { id: 'b', username: 'bench', role: 'operator', createdAt: '' };

function stats(what: string, samples: number[]): Record<string, string | number> {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { what, n: s.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: s[s.length - 1], meanMs: s.reduce((a, b) => a + b, 0) / s.length };
}

async function journalOnly(dir: string): Promise<number[]> {
  const { journal } = CommandJournal.open<{ n: number; pad: string }>(dir, (r) => r as { n: number; pad: string });
  const out: number[] = [];
  // A record the size of a live state (~400 bytes).
  const pad = 'x'.repeat(400);
  for (let n = 0; n < N; n++) {
    const t0 = performance.now();
    await journal.append({ n, pad });
    out.push(performance.now() - t0);
  }
  await journal.close();
  return out;
}

async function commandAcks(dir: string, durable: boolean): Promise<number[]> {
  const shows = new ShowStore(dir);
  await shows.init();
  if (!(await shows.has('live-test'))) await shows.save(liveShowInput(), 'bench');
  const runtime = new LiveShowRuntime({ shows, dataDir: durable ? dir : undefined, crowd: false });
  await runtime.init();
  await runtime.load('live-test');
  const out: number[] = [];
  const ctx = { socketId: 'bench', toSocket: () => undefined };
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const ack = await runtime.command('master', { level: i % 2 === 0 ? 200 : 255 }, operator, ctx);
    out.push(performance.now() - t0);
    if (!ack.ok) throw new Error(ack.error);
  }
  await runtime.close();
  return out;
}

export async function bench(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'crowdcue-durable-bench-'));
  try {
    const rows = [
      stats('journal append + fdatasync', await journalOnly(dir)),
      stats('master ack, no data directory', await commandAcks(join(dir, 'none'), false)),
      stats('master ack, written ahead', await commandAcks(dir, true)),
    ];
    return {
      name: 'durable',
      rows,
      notes: [
        `temp directory: ${tmpdir()}; ${N} sequential records/commands each`,
        'the command is applied (and on its way to air) before the journal write; only the acknowledgement waits for the disk',
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
