/** Jobs for worker-task.test.ts: one that never ends, one that eats memory, ones that answer. */
import { inParts } from './answer-in-parts';

export const WORKER_JOBS = {
  spin: (): never => {
    for (;;) {
      // busy, as a runaway rasteriser or generator would be
    }
  },
  hog: (): number[][] => {
    const keep: number[][] = [];
    for (;;) keep.push(Array.from({ length: 1_000_000 }, (_, i) => i));
  },
  double: (n: number): number => n * 2,
  /** An answer in n parts, each naming its place. */
  parts: (n: number) => inParts({ of: n, cues: Array.from({ length: n * 10 }, (_, j) => ({ id: `c${j}` })) }, 10),
  refuse: (): never => {
    throw new Error('no such seat');
  },
};
