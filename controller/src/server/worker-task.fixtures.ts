/** Jobs for worker-task.test.ts: one that never ends, one that eats memory, one that answers. */
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
  refuse: (): never => {
    throw new Error('no such seat');
  },
};
