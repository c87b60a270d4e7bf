/**
 * A transport opens a byte stream to a device. Every kind (serial port, TCP
 * bridge, in-process simulator) ends up as a Node Duplex, so the drivers see one
 * thing: a `ByteLink` that delivers bytes and says once that it is gone.
 */
import type { Duplex } from 'node:stream';

export interface Transport {
  /** Human label for logs, e.g. `/dev/ttyUSB0 @ 115200`. */
  readonly label: string;
  /** Open a fresh stream; rejects with an Error naming why (no such port, refused...). */
  open(): Promise<Duplex>;
}

export interface ByteLinkHandlers {
  data(bytes: Uint8Array): void;
  /** Called once, when the stream ends, errors or is closed by us. */
  closed(reason: string): void;
}

/** serialport's stream: destroy() alone leaves the port (and its lock) open. */
interface ClosableStream {
  isOpen: boolean;
  close(callback?: (err: Error | null) => void): void;
}
const isClosable = (s: unknown): s is ClosableStream =>
  typeof (s as ClosableStream).close === 'function' && typeof (s as ClosableStream).isOpen === 'boolean';

async function shutdown(stream: Duplex): Promise<void> {
  if (isClosable(stream) && stream.isOpen) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 500);
      stream.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  if (!stream.destroyed) stream.destroy();
}

export class ByteLink {
  private done = false;
  private shutdown: Promise<void> = Promise.resolve();

  constructor(
    private readonly stream: Duplex,
    private readonly handlers: ByteLinkHandlers,
  ) {
    stream.on('data', this.onData);
    stream.on('error', this.onError);
    stream.on('close', this.onClose);
    stream.on('end', this.onEnd);
  }

  get isOpen(): boolean {
    return !this.done;
  }

  /**
   * Fire and forget: a dead stream shows up through `closed`, not here.
   * `written` runs once the bytes are handed to the OS (serialport writes from
   * a worker thread, a few hundred microseconds after the call).
   */
  write(bytes: Uint8Array, written?: () => void): void {
    if (this.done) return;
    this.stream.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), written && (() => written()));
  }

  async close(): Promise<void> {
    this.finish('closed by the controller');
    await this.shutdown;
  }

  private readonly onData = (chunk: Buffer | string): void => {
    if (this.done) return;
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.handlers.data(bytes);
  };

  private readonly onError = (err: Error): void => this.finish(err.message);
  private readonly onClose = (): void => this.finish('stream closed');
  private readonly onEnd = (): void => this.finish('the other side closed the stream');

  private finish(reason: string): void {
    if (this.done) return;
    this.done = true;
    this.stream.off('data', this.onData);
    // Keep an error listener: a late error on a dead stream must not crash the process.
    this.stream.on('error', () => undefined);
    this.shutdown = shutdown(this.stream);
    this.handlers.closed(reason);
  }
}
