/**
 * The colour worker: evaluates every band's colour from the packed band state in
 * shared memory (the main thread packs it when packets arrive) into the back one of
 * two shared colour buffers, then flips them. The main thread only paints.
 *
 * Messages in: { state: { count, band, bandF, layer, layerF (SharedArrayBuffers), colours: [a, b], control } },
 * { effects: Uint32Array }, { atMs }. control (Int32): [0] front buffer, [1] busy.
 */
import { packedColorsAt } from './band-state-colors';
import type { PackedBands } from './band-state-pack';

interface StateMessage {
  count: number;
  band: SharedArrayBuffer;
  bandF: SharedArrayBuffer;
  layer: SharedArrayBuffer;
  layerF: SharedArrayBuffer;
  colours: [SharedArrayBuffer, SharedArrayBuffer];
  control: SharedArrayBuffer;
}

let packed: PackedBands | null = null;
let colours: [Uint32Array, Uint32Array] | null = null;
let control: Int32Array | null = null;
let effects: Uint32Array = new Uint32Array(4);

self.onmessage = (ev: MessageEvent<{ state?: StateMessage; effects?: Uint32Array; atMs?: number }>) => {
  const m = ev.data;
  if (m.state) {
    const s = m.state;
    packed = { count: s.count, band: new Uint32Array(s.band), bandF: new Float32Array(s.bandF), layer: new Uint32Array(s.layer), layerF: new Float32Array(s.layerF) };
    colours = [new Uint32Array(s.colours[0]), new Uint32Array(s.colours[1])];
    control = new Int32Array(s.control);
  }
  if (m.effects) effects = m.effects;
  if (m.atMs !== undefined && packed && colours && control) {
    const back = 1 - Atomics.load(control, 0);
    packedColorsAt(packed, effects, m.atMs, colours[back]);
    Atomics.store(control, 0, back);
    Atomics.store(control, 1, 0);
    // Tells the page a frame is ready (a stopped view repaints once).
    self.postMessage(0);
  }
};
