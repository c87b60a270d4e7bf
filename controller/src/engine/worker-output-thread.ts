/**
 * The body of the output worker, as source text: it runs in a worker thread
 * (worker_threads, eval) so it needs no TypeScript loader. It keeps the
 * packets it was handed ahead of time in a small heap and writes each at its
 * deadline with the same timer-then-spin as the DeadlineScheduler; the main
 * event loop being busy does not delay it.
 *
 * Time base inside: process.hrtime (CLOCK_MONOTONIC, shared by every thread),
 * in ms. The main thread converts its performance.now() deadlines to it.
 *
 * Messages in:  { type: 'send', id, deadline, bytes } | { type: 'cancel', id } | { type: 'cancel-all' } | { type: 'close' }
 * Messages out: { type: 'ready' } | { type: 'fired', id, deadline, fired } | { type: 'error', message }
 * workerData:   { guardMs, sinkModule?: string (URL), sinkOptions?: unknown }
 *   A sink module exports createSink(options) returning { write(bytes: Uint8Array): void, close?(): void }
 *   (possibly as a promise); without one, packets are only timed and reported.
 */
export const OUTPUT_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const guard = workerData.guardMs;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const heap = [];
let timer = null;
let armedFor = Infinity;
let sink = null;
const cancelled = new Set();

function less(a, b) { return a.deadline < b.deadline || (a.deadline === b.deadline && a.id < b.id); }
function push(e) {
  heap.push(e);
  let i = heap.length - 1;
  while (i > 0) { const p = (i - 1) >> 1; if (!less(heap[i], heap[p])) break; [heap[i], heap[p]] = [heap[p], heap[i]]; i = p; }
}
function pop() {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l], heap[m])) m = l;
      if (r < heap.length && less(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}
function arm() {
  if (heap.length === 0) { if (timer) clearTimeout(timer); timer = null; armedFor = Infinity; return; }
  const wakeAt = heap[0].deadline - guard;
  if (timer && armedFor <= wakeAt) return;
  if (timer) clearTimeout(timer);
  armedFor = wakeAt;
  timer = setTimeout(flush, Math.max(0, wakeAt - now()));
}
function flush() {
  timer = null;
  armedFor = Infinity;
  while (heap.length > 0 && heap[0].deadline - now() <= guard) {
    const e = pop();
    if (cancelled.delete(e.id)) continue;
    while (now() < e.deadline) { /* spin */ }
    const fired = now();
    try { if (sink) sink.write(e.bytes); } catch (err) { parentPort.postMessage({ type: 'error', message: String(err && err.message || err) }); }
    parentPort.postMessage({ type: 'fired', id: e.id, deadline: e.deadline, fired });
  }
  arm();
}
parentPort.on('message', (m) => {
  if (m.type === 'send') { push({ id: m.id, deadline: m.deadline, bytes: m.bytes }); arm(); }
  else if (m.type === 'cancel') { if (heap.some((e) => e.id === m.id)) cancelled.add(m.id); }
  else if (m.type === 'cancel-all') { heap.length = 0; cancelled.clear(); arm(); }
  else if (m.type === 'close') { if (timer) clearTimeout(timer); if (sink && sink.close) sink.close(); parentPort.close(); }
});
(async () => {
  if (workerData.sinkModule) {
    const mod = await import(workerData.sinkModule);
    sink = await mod.createSink(workerData.sinkOptions);
  }
  parentPort.postMessage({ type: 'ready' });
})().catch((err) => parentPort.postMessage({ type: 'error', message: 'sink: ' + String(err && err.message || err) }));
`;
