/**
 * A serial port with a scripted device on the far end, on top of
 * @serialport/binding-mock: every byte the driver writes is seen by `onWrite`
 * (and kept in `written`), and `emit` plays bytes back as if the device sent them.
 */
// @ts-expect-error -- the package's "exports" point TypeScript at an .mjs without types
import { MockBinding as untyped } from '@serialport/binding-mock';
import { CclStreamDecoder, encodeCclFrame, type CclDeviceMessage, type CclHostMessage } from '@crowdcue/protocol';
import type { SerialBinding, SerialPortInfo } from './serial-transport';

/** The parts of binding-mock's port and binding these tests use (see its dist/index.d.ts). */
export interface MockPortBinding {
  isOpen: boolean;
  emitData(data: Buffer): void;
  write(buffer: Buffer): Promise<void>;
  close(): Promise<void>;
}
interface MockBindingLike {
  createPort(path: string, opts?: { echo?: boolean; record?: boolean }): void;
  list(): Promise<SerialPortInfo[]>;
  open(options: { path: string; baudRate: number }): Promise<MockPortBinding>;
  reset(): void;
}
export const MockBinding = untyped as MockBindingLike;

export interface MockSerial {
  binding: SerialBinding;
  path: string;
  /** Every write, in order. */
  written: Uint8Array[];
  /** Called with each write (after it is recorded). */
  onWrite: (bytes: Uint8Array) => void;
  /** Bytes from the device to the driver. */
  emit(bytes: Uint8Array | string): void;
  /** The open port binding, if any. */
  port(): MockPortBinding | undefined;
}

export function mockSerial(path: string): MockSerial {
  MockBinding.createPort(path, { echo: false, record: false });
  let current: MockPortBinding | undefined;
  const mock: MockSerial = {
    path,
    written: [],
    onWrite: () => undefined,
    emit(bytes) {
      if (current?.isOpen) current.emitData(typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes));
    },
    port: () => current,
    binding: {
      list: () => MockBinding.list(),
      async open(options: Parameters<typeof MockBinding.open>[0]) {
        const port = await MockBinding.open(options);
        const write = port.write.bind(port);
        port.write = async (buffer: Buffer) => {
          await write(buffer);
          const bytes = new Uint8Array(buffer);
          mock.written.push(bytes);
          mock.onWrite(bytes);
        };
        current = port;
        return port;
      },
    } as SerialBinding,
  };
  return mock;
}

/** A scripted CCL device: `answer` decides the reply to each host frame (undefined = stay silent). */
export function scriptCclDevice(
  mock: MockSerial,
  answer: (message: CclHostMessage, seq: number) => CclDeviceMessage | CclDeviceMessage[] | undefined,
): { frames: Array<{ seq: number; message: CclHostMessage }>; reply(seq: number, message: CclDeviceMessage): void } {
  const decoder = new CclStreamDecoder({ parse: { from: 'host' } });
  const frames: Array<{ seq: number; message: CclHostMessage }> = [];
  const reply = (seq: number, message: CclDeviceMessage) => mock.emit(encodeCclFrame(seq, message));
  mock.onWrite = (bytes) => {
    for (const item of decoder.push(bytes)) {
      if (item.kind !== 'frame') continue;
      const message = item.frame.message as CclHostMessage;
      frames.push({ seq: item.frame.seq, message });
      const out = answer(message, item.frame.seq);
      for (const m of out === undefined ? [] : Array.isArray(out) ? out : [out]) reply(item.frame.seq, m);
    }
  };
  return { frames, reply };
}
