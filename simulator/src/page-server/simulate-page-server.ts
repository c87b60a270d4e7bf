/**
 * The rehearsal page `crowdcue simulate` serves: an HTTP server for the built
 * page plus socket.io on the same port. Every transmission the virtual
 * transmitter puts on air is forwarded to each open page, whose own crowd
 * model decodes it, so the page shows what the audience would see. Pages that
 * open late get the transmissions so far replayed first, so they catch up.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { toAirMessage, type AirMessage, type AirPacket } from '../page/air-message';
import type { CrowdRecipe } from '../page/crowd-recipe';
import type { PageHello } from '../page/page-events';
import { bundledPage } from './bundle-page';
import { staticHandler } from './static-files';

/** Replay history cap: RF reach lists of a big crowd are kilobytes each. */
const HISTORY_MAX_BYTES = 32 * 1024 * 1024;

export interface SimulatePageOptions {
  /** How the page builds its crowd: the same recipe the venue's crowd was built from. */
  crowd: CrowdRecipe;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Show clock the transmissions' endMs are on; default performance.now(). */
  now?: () => number;
  /**
   * Transmissions kept for replay to pages that open later (default 2,000, and at
   * most 32 MB). A page applies each to its whole crowd (a few ms per packet at
   * 100,000 bands), so the limit bounds how long a late page takes to catch up;
   * state set by older packets than that is missed until the next cue.
   */
  historyLimit?: number;
  /** Serve this already-built page folder instead of building one. */
  pageDir?: string;
}

export interface SimulatePage {
  /** http://host:port/ */
  readonly url: string;
  readonly port: number;
  /** Transmissions fed so far. */
  readonly packets: number;
  /** Pages connected right now. */
  readonly pages: number;
  /** Forwards one on-air transmission to every page (and keeps it for late ones). */
  feed(tx: AirPacket): void;
  /**
   * The same as feed, shaped like a crowd (the virtual transmitter's CrowdSink),
   * so the page can stand wherever a crowd is fed.
   */
  receive(rf: Uint8Array, endMs: number, reached?: Uint8Array): void;
  close(): Promise<void>;
}

export async function startSimulatePage(opts: SimulatePageOptions): Promise<SimulatePage> {
  const now = opts.now ?? (() => performance.now());
  const historyLimit = opts.historyLimit ?? 2000;
  const root = opts.pageDir ?? (await bundledPage());
  const serve = staticHandler(root);
  const http = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // The page never sends anything that matters: keep its messages tiny.
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 4096 });
  const history: AirMessage[] = [];
  let historyBytes = 0;
  const sizeOf = (m: AirMessage) => 64 + m.rf.length + (m.reached?.length ?? 0);
  let packets = 0;

  io.on('connection', (socket) => {
    const hello: PageHello = { crowd: opts.crowd, nowMs: now(), packets };
    socket.emit('hello', hello);
    socket.emit('replay', history);
  });

  const feed = (tx: AirPacket): void => {
    const msg = toAirMessage(tx);
    packets++;
    history.push(msg);
    historyBytes += sizeOf(msg);
    let drop = 0;
    while (history.length - drop > historyLimit || (historyBytes > HISTORY_MAX_BYTES && history.length - drop > 1)) {
      historyBytes -= sizeOf(history[drop]);
      drop++;
    }
    if (drop > 0) history.splice(0, drop);
    io.emit('air', msg);
  };

  const clockTimer = setInterval(() => io.emit('clock', now()), 1000);
  clockTimer.unref();

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolvePromise, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 8080, host, () => {
      http.off('error', reject);
      resolvePromise();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/`,
    port,
    get packets() {
      return packets;
    },
    get pages() {
      return io.engine.clientsCount;
    },
    feed,
    receive(rf, endMs, reached) {
      feed({ rf, endMs, reached });
    },
    close() {
      clearInterval(clockTimer);
      return new Promise<void>((resolvePromise) => {
        io.close(() => resolvePromise());
        http.closeAllConnections();
      });
    },
  };
}
