/**
 * Brand logo sequences over REST: shows and venues a brand may place a logo
 * on, logo upload, preview (seat image PNG, palette, cost), the brand's own
 * sequences (CRUD, schedule), approval by an operator or admin, and
 * proof-of-play reports (list, detail, snapshot PNG, PDF, CSV). A brand account
 * only ever sees its own; another brand's sequence or report is a 404.
 *
 * Registered by the server (or a test) through `buildApp({ extend })`:
 * `await app.register(brandPlugin, { service })`.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BrandScheduleSchema, BrandSequenceSchema, LogoPlacementSchema, ProofOfPlayRecordSchema } from '@crowdcue/protocol';
import { can } from '../../accounts/roles';
import { BrandError } from '../../brand/brand-error';
import type { BrandActor, BrandService, SequenceInput } from '../../brand/brand-service';
import { DEFAULT_LOGO_LIMITS } from '../../brand/logo-decode';
import { LOGO_MIME } from '../../brand/logo-store';
import { clientGone } from '../client-gone';
import { errorHandler, HttpError } from '../errors';

export interface BrandPluginOptions {
  service: BrandService;
  /** Largest logo upload, bytes (default 2 MiB). */
  maxLogoBytes?: number;
}

const ShowParams = z.object({ show: z.string().min(1).max(64) });
const SeqParams = ShowParams.extend({ id: z.string().min(1).max(64) });
const ReportParams = z.object({ id: z.coerce.number().int().min(1) });
const SequenceBody = BrandSequenceSchema.omit({ brand: true, approved: true, approvedBy: true, id: true }).extend({
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, - and _ only').optional(),
  /** Only admins and operators name the brand; a brand account's own is used. */
  brand: z.string().min(1).max(64).optional(),
});
const Out = z.unknown();
/** A binary body (PDF): documented, passed through as it is. */
const PdfBody = z.custom<Buffer>((v) => Buffer.isBuffer(v)).describe('application/pdf');
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml', 'application/octet-stream'];

function actorOf(req: FastifyRequest): BrandActor {
  const a = req.account!;
  return { username: a.username, role: a.role, ...(a.brand ? { brand: a.brand } : {}) };
}

export default async function brandPlugin(app: FastifyInstance, opts: BrandPluginOptions): Promise<void> {
  const service = opts.service;
  const maxBytes = opts.maxLogoBytes ?? DEFAULT_LOGO_LIMITS.maxBytes;

  // Brand errors carry their status, the field at fault and any figures (a preload shortfall).
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, res: FastifyReply) => {
    if (err instanceof BrandError) {
      return res
        .code(err.statusCode)
        .type('application/json')
        .send({
          statusCode: err.statusCode,
          error: err.code,
          message: err.message,
          ...(err.field ? { fields: [{ path: err.field, message: err.message }] } : {}),
          ...(err.details ? { details: err.details } : {}),
        });
    }
    return errorHandler(err, req, res);
  });
  app.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));

  const r = app.withTypeProvider<ZodTypeProvider>();
  const own = app.requirePermission('brand:own');
  const approve = app.requirePermission('brand:approve');
  /** Brands (their own) and those who approve them (everyone's). */
  const seeBrands = async (req: FastifyRequest) => {
    await app.requirePermission(null)(req);
    const role = req.account!.role;
    if (!can(role, 'brand:own') && !can(role, 'brand:approve')) throw new HttpError(403, `a ${role} account may not see brand sequences`);
  };
  const tags = ['brand'];

  r.get('/api/brand/shows', { schema: { tags, summary: 'Shows a logo can be placed in', response: { 200: Out } }, preHandler: seeBrands }, async () =>
    service.listShows(),
  );

  r.get('/api/brand/shows/:show/venue', {
    schema: { tags, summary: "A show's venue (zones and seats), parades and cues, for placing a logo", params: ShowParams, response: { 200: Out } },
    preHandler: seeBrands,
  }, async (req) => service.venue(req.params.show));

  r.post('/api/brand/logos', {
    schema: {
      tags,
      summary: 'Upload a logo (PNG, JPEG or SVG as the request body)',
      querystring: z.object({ name: z.string().max(200).optional() }),
      response: { 201: Out },
    },
    bodyLimit: maxBytes,
    preHandler: own,
  }, async (req, res) => {
    if (!Buffer.isBuffer(req.body)) throw new HttpError(415, `send the logo as the body with content-type ${IMAGE_TYPES.slice(0, 3).join(', ')}`);
    return res.code(201).send(await service.uploadLogo(req.body, actorOf(req), req.query.name));
  });

  r.get('/api/brand/logos/:asset', {
    schema: { tags, summary: 'An uploaded logo', params: z.object({ asset: z.string().max(64) }) },
    preHandler: seeBrands,
  }, async (req, res) => {
    const { record, bytes } = await service.logo(req.params.asset, actorOf(req));
    return res.type(LOGO_MIME[record.format]).header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(bytes);
  });

  r.post('/api/brand/shows/:show/preview', {
    schema: { tags, summary: 'A placed logo on the seats: seat image PNG, palette, packets, cost', params: ShowParams, body: LogoPlacementSchema, response: { 200: Out } },
    preHandler: own,
  }, async (req, reply) => service.preview(req.params.show, req.body, actorOf(req), clientGone(reply)));

  r.get('/api/brand/sequences', {
    schema: { tags, summary: 'Brand sequences (a brand sees its own)', querystring: z.object({ show: z.string().max(64).optional() }), response: { 200: Out } },
    preHandler: seeBrands,
  }, async (req) => service.listSequences(actorOf(req), req.query.show));

  r.post('/api/brand/shows/:show/sequences', {
    schema: { tags, summary: 'Create a brand sequence', params: ShowParams, body: SequenceBody, response: { 201: Out } },
    preHandler: own,
  }, async (req, res) => res.code(201).send(await service.createSequence(req.params.show, req.body as SequenceInput, actorOf(req))));

  r.get('/api/brand/shows/:show/sequences/:id', {
    schema: { tags, summary: 'One brand sequence', params: SeqParams, response: { 200: Out } },
    preHandler: seeBrands,
  }, async (req) => service.getSequence(req.params.show, req.params.id, actorOf(req)));

  r.put('/api/brand/shows/:show/sequences/:id', {
    schema: { tags, summary: 'Change a brand sequence (withdraws its approval)', params: SeqParams, body: SequenceBody, response: { 200: Out } },
    preHandler: own,
  }, async (req) => service.updateSequence(req.params.show, req.params.id, req.body as SequenceInput, actorOf(req)));

  r.delete('/api/brand/shows/:show/sequences/:id', {
    schema: { tags, summary: 'Delete a brand sequence', params: SeqParams },
    preHandler: own,
  }, async (req) => {
    await service.deleteSequence(req.params.show, req.params.id, actorOf(req));
    return { ok: true };
  });

  r.put('/api/brand/shows/:show/sequences/:id/schedule', {
    schema: {
      tags,
      summary: 'Put a sequence in a slot: 409 naming an overlapping sequence, or when the preload cannot finish in time (with figures)',
      params: SeqParams,
      body: z.object({ schedule: BrandScheduleSchema }),
      response: { 200: Out },
    },
    preHandler: own,
  }, async (req) => service.schedule(req.params.show, req.params.id, req.body.schedule, actorOf(req)));

  r.post('/api/brand/shows/:show/sequences/:id/approve', {
    schema: { tags, summary: "Approve (or withdraw) a brand's slot", params: SeqParams, body: z.object({ approved: z.boolean() }), response: { 200: Out } },
    preHandler: approve,
  }, async (req) => service.approve(req.params.show, req.params.id, req.body.approved, actorOf(req)));

  r.get('/api/brand/approvals', {
    schema: {
      tags,
      summary: 'Every brand sequence for approval: zones covered, preload figures for its slot, overlap and preload warnings',
      querystring: z.object({ show: z.string().min(1).max(64).optional() }),
      response: { 200: Out },
    },
    preHandler: approve,
  }, async (req) => service.approvals(req.query.show));

  r.get('/api/brand/reports', {
    schema: { tags, summary: 'Proof-of-play reports, each played, partial or not played (a brand sees its own)', response: { 200: z.array(ProofOfPlayRecordSchema) } },
    preHandler: seeBrands,
  }, async (req) =>
    service.reports(actorOf(req)),
  );

  r.get('/api/brand/reports.csv', { schema: { tags, summary: 'Proof-of-play reports as CSV' }, preHandler: seeBrands }, async (req, res) =>
    res.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="proof-of-play.csv"').send(service.csv(actorOf(req))),
  );

  r.get('/api/brand/reports/:id', {
    schema: { tags, summary: 'One proof-of-play report: verdict, reasons, the seats showing it at start, middle and end', params: ReportParams, response: { 200: ProofOfPlayRecordSchema } },
    preHandler: seeBrands,
  }, async (req) => service.report(req.params.id, actorOf(req)));

  r.get('/api/brand/reports/:id/report.pdf', {
    schema: { tags, summary: 'One report as a PDF for the brand: timeline, snapshot, figures, the venue and show', params: ReportParams, response: { 200: PdfBody } },
    preHandler: seeBrands,
  }, async (req, res) =>
    res
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="proof-of-play-${req.params.id}.pdf"`)
      .send(await service.pdf(req.params.id, actorOf(req))),
  );

  r.get('/api/brand/reports/:id/snapshot.png', {
    schema: { tags, summary: 'The replayed crowd at the middle of the slot', params: ReportParams },
    preHandler: seeBrands,
  }, async (req, res) => res.type('image/png').send(service.snapshot(req.params.id, actorOf(req))));

  r.get('/api/brand/reports/:id/csv', { schema: { tags, summary: 'One report as CSV', params: ReportParams }, preHandler: seeBrands }, async (req, res) =>
    res
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="proof-of-play-${req.params.id}.csv"`)
      .send(service.csv(actorOf(req), req.params.id)),
  );
}
