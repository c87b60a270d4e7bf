/**
 * A console's socket.io client for tests and benches against a real server:
 * open one with the headers a browser would send, wait for it to connect, and
 * send a command by name with its ack (names come from tables, so the typed
 * emit is widened once here instead of in every file).
 */
import type { ClientToServerEvents, CommandAck, ServerToClientEvents } from '@crowdcue/protocol';
import { io as connect, type Socket } from 'socket.io-client';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A websocket-only client that never reconnects by itself, so a closed socket stays closed. */
export function openConsoleSocket(url: string, headers: Record<string, string> = {}): ConsoleSocket {
  return connect(url, { transports: ['websocket'], extraHeaders: headers, reconnection: false, forceNew: true });
}

/** Resolves once connected; rejects with the server's refusal. */
export const whenConnected = (c: ConsoleSocket) =>
  new Promise<void>((resolve, reject) => {
    if (c.connected) return resolve();
    c.once('connect', () => resolve());
    c.once('connect_error', (e) => reject(e));
  });

export const sendCommand = (c: ConsoleSocket, name: string, payload: unknown) =>
  new Promise<CommandAck>((resolve) => (c.emit as (n: string, p: unknown, ack: (r: CommandAck) => void) => void)(name, payload, resolve));
