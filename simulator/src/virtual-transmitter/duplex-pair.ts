/**
 * Two connected in-memory byte streams: what one side writes, the other reads.
 * (Node 20 has no `stream.duplexPair`.) Delivery is deferred with setImmediate
 * so, as on a real wire, a write never runs the far side's handlers inside the
 * writer's own call stack. Ending or destroying one side ends the other.
 */
import { Duplex } from 'node:stream';

export function duplexPair(): [Duplex, Duplex] {
  const sides: Duplex[] = [];
  const make = (peer: () => Duplex) =>
    new Duplex({
      read() {
        /* data is pushed by the peer's writes */
      },
      write(chunk: Buffer, _encoding, callback) {
        const copy = Buffer.from(chunk);
        setImmediate(() => {
          const other = peer();
          if (!other.destroyed && !other.readableEnded) other.push(copy);
        });
        callback();
      },
      final(callback) {
        setImmediate(() => {
          const other = peer();
          if (!other.destroyed) other.push(null);
        });
        callback();
      },
      destroy(err, callback) {
        setImmediate(() => {
          const other = peer();
          if (!other.destroyed) other.destroy();
        });
        callback(err);
      },
    });
  sides.push(make(() => sides[1]), make(() => sides[0]));
  return [sides[0], sides[1]];
}
