/**
 * A virtual transmitter on a serial port path: in tests and rehearsals one end
 * of a pseudo-terminal pair (`socat -d -d pty,raw,echo=0 pty,raw,echo=0`), the
 * controller opening the other end as if it were a USB transmitter.
 *
 * When the port goes away (the pty pair is torn down) the device keeps running
 * and, with `reopen`, tries the path again until it is back, like firmware that
 * does not care whether anyone is listening.
 */
import { SerialPort } from 'serialport';
import { VirtualTransmitter, type VirtualTransmitterOptions } from './virtual-transmitter';

export interface SerialDeviceOptions {
  /** Default 115200 (spec 1.1). A pty ignores it, a real port does not. */
  baudRate?: number;
  /** Use this device instead of making one (so queue, clock and record survive a re-plug). */
  device?: VirtualTransmitter;
  /** Options for the device made when `device` is not given. */
  deviceOptions?: VirtualTransmitterOptions;
  /** Re-open the path after it closes or fails. Default true. */
  reopen?: boolean;
  /** Wait between attempts to open the path. Default 200 ms. */
  retryMs?: number;
  /** Told about every open, close and failed attempt. */
  log?: (line: string) => void;
}

export interface SerialDevice {
  device: VirtualTransmitter;
  path: string;
  /** Whether the port is open right now. */
  readonly isOpen: boolean;
  /** Resolves once the port is open (at once if it already is). */
  opened(): Promise<void>;
  /** Closes the port and stops re-opening. Closes the device too unless it was passed in. */
  close(): Promise<void>;
}

export function openSerialDevice(path: string, opts: SerialDeviceOptions = {}): SerialDevice {
  const device = opts.device ?? new VirtualTransmitter(opts.deviceOptions);
  const ownsDevice = !opts.device;
  const reopen = opts.reopen ?? true;
  const retryMs = opts.retryMs ?? 200;
  const log = opts.log ?? (() => undefined);
  let port: SerialPort | undefined;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let waiters: Array<() => void> = [];

  const scheduleRetry = () => {
    if (stopped || !reopen || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      tryOpen();
    }, retryMs);
  };

  const tryOpen = () => {
    if (stopped) return;
    const p = new SerialPort({ path, baudRate: opts.baudRate ?? 115200, autoOpen: false });
    p.on('error', () => undefined);
    p.open((err) => {
      if (stopped) {
        if (!err) p.close(() => undefined);
        return;
      }
      if (err) {
        log(`serial ${path}: cannot open (${err.message}); retrying`);
        scheduleRetry();
        return;
      }
      port = p;
      device.attach(p, `serial ${path}`);
      log(`serial ${path}: open`);
      for (const w of waiters) w();
      waiters = [];
      p.once('close', (closeErr?: Error | null) => {
        if (port === p) port = undefined;
        device.detach(closeErr ? `port closed: ${closeErr.message}` : 'port closed');
        if (stopped) return;
        log(`serial ${path}: closed${closeErr ? ` (${closeErr.message})` : ''}`);
        scheduleRetry();
      });
    });
  };

  tryOpen();

  return {
    device,
    path,
    get isOpen() {
      return port?.isOpen ?? false;
    },
    opened: () => (port?.isOpen ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      retry = undefined;
      const p = port;
      port = undefined;
      if (p?.isOpen) {
        device.detach('closed');
        await new Promise<void>((resolve) => {
          p.close(() => resolve());
          // A vanished pty may never call back.
          setTimeout(resolve, 500).unref();
        });
      }
      if (ownsDevice) device.close();
    },
  };
}
