/**
 * Runs inside a worker thread: one VirtualTransmitter on its own event loop, so
 * a busy host thread (show engine, server, tests) cannot delay its timed
 * starts, as with a real transmitter. Loaded through device-worker-entry.mjs.
 */
import { Duplex } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerStart } from './device-worker-protocol';
import { listenTcp, type TcpDeviceListener } from './tcp-listener';
import { openTtyDevice, type TtyDevice } from './tty-device';
import { VirtualTransmitter } from './virtual-transmitter';

const port = parentPort;
if (!port) throw new Error('device-worker must run in a worker thread');
const post = (msg: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(msg, transfer);

const start = workerData as WorkerStart;
const device = new VirtualTransmitter(start.options);
device.onAir((tx) => post({ type: 'air', tx }));
device.onEvent((event) => {
  if (event.kind !== 'listener-error') post({ type: 'event', event });
});

/** The device's end of the in-process link: writes go to the main thread. */
let inProcess: Duplex | undefined;
function connectInProcess(): void {
  inProcess?.destroy();
  const stream = new Duplex({
    read() {
      /* bytes arrive as messages */
    },
    write(chunk: Buffer, _encoding, callback) {
      const data = new Uint8Array(chunk.byteLength);
      data.set(chunk);
      post({ type: 'bytes', data }, [data.buffer]);
      callback();
    },
  });
  inProcess = stream;
  device.attach(stream, 'in-process (worker)');
}

let tcp: TcpDeviceListener | undefined;
let tty: TtyDevice | undefined;

async function open(): Promise<string> {
  const link = start.link;
  switch (link.kind) {
    case 'in-process':
      connectInProcess();
      return 'virtual';
    case 'tcp': {
      tcp = await listenTcp(device, link.port, link.host ?? '127.0.0.1');
      const host = tcp.host.includes(':') ? `[${tcp.host}]` : tcp.host;
      return `tcp://${host}:${tcp.port}`;
    }
    case 'tty':
      // Not serialport: its native poller runs on the main thread's loop and breaks inside a worker.
      tty = openTtyDevice(link.path, device, { retryMs: link.retryMs });
      // Usually the path is there; if not, report ready anyway and keep trying (an `attached` event follows).
      await Promise.race([tty.opened(), new Promise((r) => setTimeout(r, 3000))]);
      return `serial:${link.path}`;
  }
}

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'bytes':
      inProcess?.push(Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength));
      return;
    case 'connect':
      connectInProcess();
      return;
    case 'disconnect':
      inProcess?.destroy();
      inProcess = undefined;
      return;
    case 'faults':
      Object.assign(device.faults, msg.faults);
      return;
    case 'stats':
      post({ type: 'stats', id: msg.id, stats: device.stats() });
      return;
    case 'record':
      post({ type: 'record', id: msg.id, record: device.onAirRecord() });
      return;
    case 'clear-record':
      device.clearRecord();
      return;
    case 'close':
      void (async () => {
        await tcp?.close();
        await tty?.close();
        inProcess?.destroy();
        device.close();
        post({ type: 'closed' });
        port.close();
      })();
      return;
  }
});

open().then(
  (address) => post({ type: 'ready', timeOrigin: performance.timeOrigin, info: device.info, address }),
  (err: Error) => post({ type: 'failed', message: err.message }),
);
