/**
 * The live show's transmitters over REST: the list with each one's health,
 * and setting a new list (saved in the live show, reconnected at once, the
 * show carrying on where it is). Every URL is checked by the driver's parser
 * first; a bad one is a 400 naming `body.transmitters[i].url`, and nothing
 * changes.
 */
import { TransmitterConfigSchema, type TransmitterConfig } from '@crowdcue/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LiveTransmitters } from '../../live/live-show-runtime';
import { RuntimeError } from '../../live/live-show-runtime';
import { listSerialPorts } from '../../transmitter/serial-transport';
import { HttpError } from '../errors';

/** What the routes need of the live runtime. */
export interface TransmitterControl {
  transmitters(): LiveTransmitters;
  configureTransmitters(configs: TransmitterConfig[], by: string): Promise<LiveTransmitters>;
}

export interface TransmittersOptions {
  runtime: TransmitterControl;
  /** Serial port listing (tests inject one); default serialport's. */
  listPorts?: () => Promise<Array<{ path: string; manufacturer?: string; serialNumber?: string }>>;
}

const Capabilities = z.object({ name: z.string(), rfMax: z.number(), queueCap: z.number(), bitrate: z.number(), overhead: z.number(), timedSend: z.boolean() });
const Health = z.object({
  id: z.string(),
  url: z.string(),
  state: z.enum(['connecting', 'up', 'down']),
  capabilities: Capabilities.optional(),
  clockOffsetUs: z.number().optional(),
  clockUncertaintyUs: z.number().optional(),
  queueDepth: z.number(),
  airtimePct: z.number().describe('share of the last second the channel was busy, 0..100'),
  packetsSent: z.number(),
  nacks: z.record(z.string(), z.number().optional()),
  lateSends: z.number(),
  badFrames: z.number(),
  lastError: z.string().optional(),
  dropped: z.number().optional(),
  reconnects: z.number().optional(),
  deviceErrors: z.record(z.string(), z.number()).optional(),
});
const Listed = z.object({
  show: z.string().nullable().describe('the live show, null when none is loaded'),
  source: z.enum(['command line', 'show', 'default']).describe('where the list comes from: --transmitter, the show file, or the built-in virtual transmitter'),
  transmitters: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      coverage: z.union([z.literal('ALL'), z.array(z.number().int())]),
      lookaheadMs: z.number().optional(),
      health: Health.nullable(),
    }),
  ),
});
const Configure = z.object({ transmitters: z.array(TransmitterConfigSchema).min(1).max(16) });
const Ports = z.array(z.object({ path: z.string(), url: z.string(), manufacturer: z.string().optional(), serialNumber: z.string().optional() }));

function asHttp(err: unknown): never {
  if (err instanceof RuntimeError) {
    throw new HttpError(err.statusCode, err.message, err.fields?.map((f) => ({ path: `body.${f.path}`, message: f.message })));
  }
  throw err;
}

export default async function transmittersPlugin(app: FastifyInstance, opts: TransmittersOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/transmitters', {
    schema: { tags: ['transmitters'], summary: "The live show's transmitters with their health", response: { 200: Listed } },
    preHandler: app.requirePermission('live:view'),
  }, async () => opts.runtime.transmitters());

  r.put('/api/transmitters', {
    schema: {
      tags: ['transmitters'],
      summary: "Set the live show's transmitters (saved in the show) and reconnect; the show carries on where it is",
      body: Configure,
      response: { 200: Listed },
    },
    preHandler: app.requirePermission('transmitters:configure'),
  }, async (req) => {
    try {
      return await opts.runtime.configureTransmitters(req.body.transmitters, req.account!.username);
    } catch (err) {
      return asHttp(err);
    }
  });

  r.get('/api/transmitters/ports', {
    schema: { tags: ['transmitters'], summary: 'Serial ports plugged in, each with the transmitter URL for it', response: { 200: Ports } },
    preHandler: app.requirePermission('transmitters:configure'),
  }, async () => {
    const ports = await (opts.listPorts ?? listSerialPorts)();
    return ports.map((p) => ({
      path: p.path,
      url: `serial:${p.path}`,
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
    }));
  });
}
