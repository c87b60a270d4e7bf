/**
 * A virtual transmitter on a terminal path (a pty end) through Node's own tty
 * streams rather than serialport. It sets no baud rate or termios (a pty made
 * with `socat ... pty,raw,echo=0` needs none), but it runs inside a worker
 * thread, where serialport's native poller cannot (it polls on the main loop).
 * Re-opens the path after it goes away, like openSerialDevice.
 */
import { closeSync, constants, openSync } from 'node:fs';
import { Duplex } from 'node:stream';
import { ReadStream, WriteStream } from 'node:tty';
import type { VirtualTransmitter } from './virtual-transmitter';

export interface TtyDevice {
  readonly isOpen: boolean;
  opened(): Promise<void>;
  close(): Promise<void>;
}

export function openTtyDevice(path: string, device: VirtualTransmitter, opts: { retryMs?: number } = {}): TtyDevice {
  const retryMs = opts.retryMs ?? 200;
  let stream: Duplex | undefined;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let waiters: Array<() => void> = [];

  const tryOpen = () => {
    retry = undefined;
    if (stopped) return;
    // One descriptor per direction, each owned (and closed) by its own stream.
    let readFd: number;
    let writeFd: number;
    try {
      readFd = openSync(path, constants.O_RDONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
    } catch {
      retry = setTimeout(tryOpen, retryMs);
      return;
    }
    try {
      writeFd = openSync(path, constants.O_WRONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
    } catch {
      closeSync(readFd);
      retry = setTimeout(tryOpen, retryMs);
      return;
    }
    const input = new ReadStream(readFd);
    const output = new WriteStream(writeFd);
    const duplex = Duplex.from({ readable: input, writable: output });
    let gone = false;
    const onGone = () => {
      if (gone) return;
      gone = true;
      input.destroy();
      output.destroy();
      duplex.destroy();
      if (stream === duplex) stream = undefined;
      if (!stopped) retry = setTimeout(tryOpen, retryMs);
    };
    for (const s of [input, output, duplex]) {
      s.on('error', onGone);
      s.on('close', onGone);
    }
    stream = duplex;
    device.attach(duplex, `tty ${path}`);
    for (const w of waiters) w();
    waiters = [];
  };

  tryOpen();
  return {
    get isOpen() {
      return stream !== undefined;
    },
    opened: () => (stream ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      stream?.destroy();
      stream = undefined;
    },
  };
}
