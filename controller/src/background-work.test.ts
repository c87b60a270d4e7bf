import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** A thread's nice value, from /proc (field 19 of its stat). */
const niceOf = (stat: string) => Number(stat.split(') ')[1]!.split(' ')[16]);

describe.runIf(process.platform === 'linux')('lowerThisThreadPriority', () => {
  it('lowers the worker thread that calls it, not the thread that started it', async () => {
    const mainBefore = niceOf(readFileSync('/proc/thread-self/stat', 'utf8'));
    const source = `
      const { readFileSync } = require('node:fs');
      const { parentPort, workerData } = require('node:worker_threads');
      const niceNow = () => Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16]);
      import('tsx/esm/api')
        .then(({ register }) => { register(); return import(workerData.module); })
        .then(({ lowerThisThreadPriority }) => {
          const before = niceNow();
          const lowered = lowerThisThreadPriority(7);
          parentPort.postMessage({ before, lowered, after: niceNow() });
        });`;
    const worker = new Worker(source, { eval: true, workerData: { module: new URL('./background-work.ts', import.meta.url).href } });
    const seen = await new Promise<{ before: number; lowered: boolean; after: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(seen.lowered).toBe(true);
    expect(seen.after).toBe(Math.max(seen.before, 7));
    expect(niceOf(readFileSync('/proc/thread-self/stat', 'utf8'))).toBe(mainBefore);
  });
});
