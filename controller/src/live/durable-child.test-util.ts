/**
 * A live runtime in its own process, for the kill -9 tests: `node --import tsx
 * durable-child.test-util.ts DATA_DIR`. It restores what the data directory
 * says (else loads the test show), prints one JSON line per event on stdout
 * (`ready`, every `packet` on air with its end on the wall clock, `ack`) and
 * carries out commands read as JSON lines on stdin: `{ id, name, payload }`.
 */
import { createInterface } from 'node:readline';
import type { PublicAccount } from '../accounts/account-store';
import { ShowStore } from '../storage/show-store';
import { liveShowInput } from './live-fixtures.test-util';
import { LiveShowRuntime } from './live-show-runtime';
import type { LiveCommandName } from './live-runtime';

const out = (event: Record<string, unknown>) => process.stdout.write(JSON.stringify(event) + '\n');
const operator: PublicAccount = { id: 'u1', username: 'op', role: 'operator', createdAt: '' };

const dataDir = process.argv[2];
const shows = new ShowStore(dataDir);
await shows.init();
if (!(await shows.has('live-test'))) await shows.save(liveShowInput(), 'test');
const runtime = new LiveShowRuntime({ shows, dataDir, crowd: false });
const restored = await runtime.init();
if (!restored.restored) await runtime.load('live-test');
const session = runtime.current!;
session.onAir$.subscribe((p) => {
  // Controller ms (monotonic, this process's own) to the wall clock the test shares.
  const wallEndMs = Date.now() - (performance.now() - p.endMs);
  out({ type: 'packet', rf: Buffer.from(p.rf).toString('hex'), wallEndMs });
});
out({ type: 'ready', restored: restored.restored, message: restored.message, blackout: session.mixer.blackout });

createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, name, payload } = JSON.parse(line) as { id: number; name: LiveCommandName; payload: never };
  void runtime.command(name, payload, operator, { socketId: 'child', toSocket: () => undefined }).then((ack) => out({ type: 'ack', id, ack }));
});
