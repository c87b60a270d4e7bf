import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, take, toArray } from 'rxjs';
import { WorkerOutput } from './worker-output';

/** A sink that appends each packet as a hex line to a file, so the test can see what was written. */
const fileSink =
  'data:text/javascript,' +
  encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export function createSink(o) {
  return { write(bytes) { appendFileSync(o.path, Buffer.from(bytes).toString('hex') + '\\n'); } };
}`);

let output: WorkerOutput | undefined;
afterEach(async () => {
  await output?.close();
  output = undefined;
});

describe('WorkerOutput', () => {
  it('writes every packet in deadline order and never before its deadline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crowdcue-wo-'));
    const path = join(dir, 'out.txt');
    try {
      output = await WorkerOutput.start({ sinkModule: fileSink, sinkOptions: { path } });
      const base = performance.now() + 20;
      const offsets = [35, 5, 20, 50, 10, 45, 15, 30, 25, 40];
      const all = firstValueFrom(output.fired$.pipe(take(offsets.length), toArray()));
      const ids = offsets.map((o) => output?.send(base + o, Uint8Array.of(o)));
      const fires = await all;
      expect(fires.map((f) => f.deadlineMs)).toEqual([...offsets].sort((a, b) => a - b).map((o) => base + o));
      for (const f of fires) expect(f.firedMs).toBeGreaterThanOrEqual(f.deadlineMs);
      expect(new Set(fires.map((f) => f.id))).toEqual(new Set(ids));
      expect(readFileSync(path, 'utf8').trim().split('\n')).toEqual(
        [...offsets].sort((a, b) => a - b).map((o) => o.toString(16).padStart(2, '0')),
      );
      expect(output.latency()).toMatchObject({ count: offsets.length, early: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cancelled packets are not written', async () => {
    output = await WorkerOutput.start();
    const base = performance.now() + 20;
    const a = output.send(base + 5, Uint8Array.of(1));
    output.send(base + 10, Uint8Array.of(2));
    output.cancel(a);
    const fires = await firstValueFrom(output.fired$.pipe(take(1), toArray()));
    expect(fires.map((f) => f.deadlineMs)).toEqual([base + 10]);
  });

  it('a sink that fails to load is a clear error', async () => {
    await expect(WorkerOutput.start({ sinkModule: 'data:text/javascript,export%20const%20x%3D1' })).rejects.toThrow(/output worker: sink:/);
  });
});
