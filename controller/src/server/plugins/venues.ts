/**
 * Venues over REST, for the console's venue page and for scripts: the seat
 * generators on offer, what a generator spec gives (seat count and zones,
 * before it is saved in a show), and seat-map CSV import checked whole, every
 * problem named by line and column and nothing returned unless the file reads.
 */
import { SeatGeneratorSchema, VENUE_KINDS, type Venue } from '@crowdcue/protocol';
import { parseSeatCsv } from '@crowdcue/simulator';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clientGone } from '../client-gone';
import { HttpError } from '../errors';
import { venueSummary } from '../venue-summary';
import { runWorkerTask } from '../worker-task';

/** A venue at the seat limit generates in well under a second; ten times that means something is wrong. */
export const VENUE_PREVIEW_DEADLINE_MS = 10_000;

interface OptionInfo {
  name: string;
  description: string;
  default?: number;
}

/** The generators' own options (see the simulator's venue generators). */
export const VENUE_GENERATORS: Array<{ kind: (typeof VENUE_KINDS)[number]; description: string; options: OptionInfo[] }> = [
  {
    kind: 'stadium',
    description: 'An oval bowl round a 120 x 80 m pitch; the defaults give 19,200 seats in 16 zones round the bowl.',
    options: [
      { name: 'seats', description: 'roughly this many seats (sets rows and seats per row)' },
      { name: 'tiers', description: 'rings of sections', default: 2 },
      { name: 'sections', description: 'sections per tier round the oval', default: 24 },
      { name: 'rows', description: 'rows per section', default: 20 },
      { name: 'seatsPerRow', description: 'seats per row', default: 20 },
      { name: 'zones', description: 'zones round the bowl (default: as many as the show names)' },
    ],
  },
  {
    kind: 'arena',
    description: 'A seated bowl open at the stage end with a standing floor in front of the stage.',
    options: [
      { name: 'seats', description: 'roughly this many seats in the bowl' },
      { name: 'tiers', description: 'seated tiers', default: 1 },
      { name: 'sections', description: 'sections per tier', default: 14 },
      { name: 'rows', description: 'rows per section' },
      { name: 'seatsPerRow', description: 'seats per row' },
      { name: 'floorRows', description: 'standing floor rows' },
      { name: 'floorCols', description: 'people per floor row' },
      { name: 'floorZones', description: 'zones the floor is cut into', default: 4 },
      { name: 'zones', description: 'zones in all (bowl and floor)' },
    ],
  },
  {
    kind: 'field',
    description: 'A festival field: a standing crowd fanning out from a stage, in blocks of equal head count.',
    options: [
      { name: 'seats', description: 'people on the field', default: 20_000 },
      { name: 'width', description: 'width at the back, metres', default: 140 },
      { name: 'depth', description: 'depth from the stage, metres', default: 110 },
      { name: 'zones', description: 'zones (default: as many as the show names)' },
    ],
  },
];

const Kinds = z.array(
  z.object({
    kind: z.enum(VENUE_KINDS),
    description: z.string(),
    options: z.array(z.object({ name: z.string(), description: z.string(), default: z.number().optional() })),
  }),
);
const ZoneCount = z.object({ id: z.number().int(), name: z.string(), seats: z.number().int() });
const Bounds = z.object({ minX: z.number(), minY: z.number(), maxX: z.number(), maxY: z.number() });
const Summary = z.object({
  kind: z.string(),
  seats: z.number().int().describe('seats (bands) in the venue'),
  zones: z.array(ZoneCount),
  bounds: Bounds,
});
const PreviewBody = z.object({
  seats: SeatGeneratorSchema.describe('a generator spec, as in a show file'),
  zones: z.number().int().min(1).max(64).default(16).describe('zones the show names (the generator cuts the venue into this many unless the spec says `zones`)'),
});
const Seat = z.object({ section: z.string(), row: z.string(), seat: z.string(), x: z.number(), y: z.number(), zone: z.number().int(), pixel: z.number().int() });
const CsvBody = z.object({ csv: z.string().min(1).max(8 * 1024 * 1024), name: z.string().min(1).max(200).default('Imported seat map') });
const CsvOut = Summary.extend({ name: z.string(), venueSeats: z.array(Seat) });
const CsvError = z.object({
  statusCode: z.number(),
  error: z.string(),
  message: z.string(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })),
  lines: z.array(z.object({ line: z.number().int(), column: z.string().optional(), message: z.string() })),
});

export default async function venuesPlugin(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/venues/kinds', {
    schema: { tags: ['venues'], summary: 'Seat generators and their options', response: { 200: Kinds } },
    preHandler: app.requirePermission('shows:read'),
  }, async () => VENUE_GENERATORS);

  r.post('/api/venues/preview', {
    schema: { tags: ['venues'], summary: 'What a generator spec gives: seat count, zones and extent', body: PreviewBody, response: { 200: Summary } },
    preHandler: app.requirePermission('shows:read'),
  }, async (req, reply) => {
    const venue: Venue = {
      name: 'preview',
      zones: Array.from({ length: req.body.zones }, (_, i) => ({ id: i, name: `Zone ${i + 1}` })),
      seats: req.body.seats,
    };
    // The schema has already refused a spec over the seat limit; generating even a
    // large legal venue takes a while, so it happens in a worker, never on the show's loop.
    const out = await runWorkerTask('venue-summary', { venue }, { deadlineMs: VENUE_PREVIEW_DEADLINE_MS, signal: clientGone(reply) });
    // The generators name the option at fault (`sections must be 1..400, got 0`).
    if (!out.ok) throw new HttpError(400, out.message, [{ path: 'body.seats', message: out.message }]);
    return out.value;
  });

  r.post('/api/venues/seat-csv', {
    schema: {
      tags: ['venues'],
      summary: 'Read a seat-map CSV (section,row,seat,x,y[,zone]); every problem by line and column',
      body: CsvBody,
      response: { 200: CsvOut, 400: CsvError },
    },
    preHandler: app.requirePermission('shows:read'),
  }, async (req, res) => {
    const parsed = parseSeatCsv(req.body.csv, { name: req.body.name });
    if (!parsed.ok) {
      const n = parsed.errors.length;
      return res.code(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message: `the seat map has ${n} problem${n === 1 ? '' : 's'}; nothing imported`,
        fields: parsed.errors.map((e) => ({ path: 'body.csv', message: e.message })),
        lines: parsed.errors.map((e) => ({ line: e.line, ...(e.column ? { column: e.column } : {}), message: e.message })),
      });
    }
    const v = parsed.venue;
    return { ...venueSummary(v), name: v.name, venueSeats: v.seats };
  });
}
