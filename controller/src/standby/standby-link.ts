/**
 * The active controller's end of the standby link (a fastify plugin):
 *
 * - `GET /api/standby/follow`: the backup's stream (follow-messages.ts): hello,
 *   the followed files, the live state as a record now, then every record and
 *   seq reservation as it is written, file changes, and a heartbeat every
 *   100 ms. One follower at a time; a new one replaces the old.
 * - `POST /api/standby/ack { rev }`: the backup has the records up to `rev`.
 * - `GET /api/standby/logo/:file`: one uploaded logo file, for a backup that lacks it.
 * - `GET /api/standby/reports?after=N`: the proof-of-play rows after id N, a page at a time.
 * - `GET /api/standby/status`: who this controller is and its role (a
 *   returning controller asks this before it drives anything). A warm backup
 *   answers `backup` and refuses to be followed (409): only the active
 *   controller is followed.
 *
 * Every route needs the pair's key in `x-crowdcue-standby-key` (403 without it).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { interval, Subscription, type Observable } from 'rxjs';
import { z } from 'zod';
import type { DurableWrite } from '../live/durable-runtime';
import type { RuntimeFile } from '../live/runtime-file';
import { BackupTracker } from './backup-tracker';
import { encodeFollow, type FollowMessage } from './follow-messages';
import { LOGO_FILE, logoDir } from '../brand/logo-store';
import { FILE_POLL_MS, FollowedFiles } from './followed-files';
import { listLogoFiles } from './followed-logos';
import { REPORTS_PAGE } from './followed-reports';
import type { ProofOfPlayLog } from '../brand/proof-of-play';
import { HEARTBEAT_EVERY_MS } from './heartbeat';
import { keyMatches, STANDBY_KEY_HEADER, type StandbyIdentity } from './standby-files';

export interface StandbyLinkOptions {
  key: string;
  dataDir: string;
  identity: () => StandbyIdentity;
  /** `backup` while this controller is a warm backup. */
  role: () => 'active' | 'backup';
  /** This controller's console URL, told to the backup (and its consoles after a takeover). */
  url: () => string | null;
  feed: () => { now: RuntimeFile; written$: Observable<DurableWrite> } | null;
  tracker: BackupTracker;
  /** This controller's proof of play, copied by the backup. */
  reports?: ProofOfPlayLog;
  /** Counts what goes to the backup (the bench's tracking cost). */
  onSent?: (bytes: number) => void;
}

export default async function standbyLinkPlugin(app: FastifyInstance, opts: StandbyLinkOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  let current: Subscription | undefined;

  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!keyMatches(opts.key, req.headers[STANDBY_KEY_HEADER])) {
      await reply.code(403).send({ error: `standby key missing or wrong (header ${STANDBY_KEY_HEADER})` });
    }
  };

  r.get('/api/standby/status', { preHandler: guard, schema: { hide: true } }, () => ({
    role: opts.role(),
    ...opts.identity(),
    url: opts.url(),
  }));

  r.post(
    '/api/standby/ack',
    { preHandler: guard, schema: { hide: true, body: z.strictObject({ rev: z.number().int().min(0) }) } },
    (req) => {
      opts.tracker.acked(req.body.rev);
      return { ok: true };
    },
  );

  r.get(
    '/api/standby/logo/:file',
    { preHandler: guard, schema: { hide: true, params: z.strictObject({ file: z.string().regex(LOGO_FILE) }) } },
    async (req, reply) => {
      const bytes = await readFile(join(logoDir(opts.dataDir), req.params.file)).catch(() => null);
      if (!bytes) return reply.code(404).send({ error: `no logo file '${req.params.file}'` });
      return reply.type('application/octet-stream').send(bytes);
    },
  );

  r.get(
    '/api/standby/reports',
    { preHandler: guard, schema: { hide: true, querystring: z.strictObject({ after: z.coerce.number().int().min(0) }) } },
    (req) => ({ rows: opts.reports?.rowsAfter(req.query.after, REPORTS_PAGE) ?? [] }),
  );

  r.get('/api/standby/follow', { preHandler: guard, schema: { hide: true } }, (req, reply) => {
    if (opts.role() !== 'active') return reply.code(409).send({ error: 'this controller is a backup; follow the active controller' });
    const feed = opts.feed();
    if (!feed) return reply.code(503).send({ error: 'no live state to follow (no data directory)' });
    current?.unsubscribe();
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    out.socket?.setNoDelay(true);
    const subs = new Subscription();
    current = subs;
    const send = (m: FollowMessage) => {
      if (out.destroyed) return;
      const line = encodeFollow(m);
      out.write(line);
      opts.onSent?.(Buffer.byteLength(line));
    };
    const files = new FollowedFiles(opts.dataDir);
    let polling = false;
    let logosSent = '';
    let reportsSent = -1;
    const poll = async () => {
      if (polling) return;
      polling = true;
      try {
        for (const f of await files.changes()) send({ t: 'file', ...f });
        const logos = await listLogoFiles(opts.dataDir);
        const listed = logos.join('/');
        if (listed !== logosSent) {
          logosSent = listed;
          send({ t: 'logos', files: logos });
        }
        const newest = opts.reports?.newestId() ?? 0;
        if (newest !== reportsSent) {
          reportsSent = newest;
          send({ t: 'reports', newest });
        }
      } finally {
        polling = false;
      }
    };
    const id = opts.identity();
    send({ t: 'hello', controllerId: id.controllerId, epoch: id.epoch, url: opts.url() });
    opts.tracker.followerConnected();
    // Records written from here on queue behind the files: the backup stores shows before the state naming them.
    const early: DurableWrite[] = [];
    let live = false;
    const onWrite = (w: DurableWrite) => {
      if (!live) return void early.push(w);
      if (w.kind === 'state') {
        opts.tracker.written(w.state.rev);
        send({ t: 'state', state: w.state });
      } else send({ t: 'band', band: w.band });
    };
    subs.add(feed.written$.subscribe(onWrite));
    void poll().then(() => {
      if (subs.closed) return;
      live = true;
      opts.tracker.written(feed.now.rev);
      send({ t: 'state', state: feed.now });
      for (const w of early.splice(0)) onWrite(w);
      subs.add(interval(HEARTBEAT_EVERY_MS).subscribe(() => send({ t: 'beat', wallMs: Date.now(), rev: opts.tracker.newest })));
      subs.add(interval(FILE_POLL_MS).subscribe(() => void poll()));
    });
    subs.add(() => {
      if (current === subs) opts.tracker.followerGone();
      if (!out.destroyed) out.end();
    });
    req.raw.on('close', () => subs.unsubscribe());
  });

  app.addHook('onClose', async () => {
    current?.unsubscribe();
  });
}
