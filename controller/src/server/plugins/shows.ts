/**
 * Shows over REST: list, create, read, update (with the revision the editor
 * started from, so a stale save is a 409 conflict, never a silent overwrite),
 * delete, import and export show files. Bodies are checked by the show model's
 * own parser (migration first, then every error by path), so the HTTP API and
 * the CLI refuse a show for exactly the same reasons. Every save (create, PUT,
 * import) is also checked field by field against what the account's role may
 * change (accounts/show-field-permissions): a 403 names each field, and nothing
 * of that save is stored. A show that breaks the flash limit is stored as a
 * draft: the save answers with `draft.problems`, and the live load refuses it.
 */
import { clientGone } from '../client-gone';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { StoredShow } from '@crowdcue/protocol';
import type { PublicAccount } from '../../accounts/account-store';
import { can } from '../../accounts/roles';
import { refusedShowFields, stampShow } from '../../accounts/show-field-permissions';
import type { SaveOptions, ShowStore } from '../../storage/show-store';
import { HttpError } from '../errors';

export interface ShowsOptions {
  shows: ShowStore;
  /** Told after every successful save or delete, so live consoles can refresh. */
  onChange?: (event: { id: string; revision: number | null; by: string }) => void;
}

const ShowFile = z.unknown().describe('A show file: JSON matching show.schema.json (version 1)');
const Problem = z.object({ path: z.string(), message: z.string() });
const Draft = z
  .object({ reason: z.literal('flash-limit'), problems: z.array(Problem) })
  .optional()
  .describe('set when the show breaks the flash limit: saved as a draft that cannot go live, each problem by path');
const Stored = z.object({ id: z.string(), revision: z.number().int(), savedAt: z.string(), savedBy: z.string(), show: ShowFile, draft: Draft });
const Summary = z.object({
  id: z.string(),
  name: z.string(),
  revision: z.number().int(),
  savedAt: z.string(),
  savedBy: z.string(),
  damaged: z.object({ reason: z.string() }).optional().describe('the show file and its backup do not read: delete it or import over it'),
  draft: z.object({ problems: z.number().int(), first: z.string() }).optional().describe('a draft that cannot go live: it breaks the flash limit'),
});
const IdParams = z.object({ id: z.string().min(1).max(64) });
const Update = z.object({ revision: z.number().int().min(1).describe('the revision this edit started from'), show: ShowFile });

export default async function showsPlugin(app: FastifyInstance, opts: ShowsOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** The field-level check, run by the store against the show stored at that moment. */
  const reviewFor = (account: PublicAccount): SaveOptions['review'] => (current, next) => {
    const refused = refusedShowFields(account.role, current, next);
    if (refused.length > 0) {
      throw new HttpError(403, refused.map((f) => `${f.path}: ${f.message}`).join('; '), refused.map((f) => ({ path: `show.${f.path}`, message: f.message })));
    }
    return stampShow(account, current, next);
  };
  const changed = (s: StoredShow | { id: string; revision: null }, by: string) => opts.onChange?.({ id: s.id, revision: s.revision, by });

  r.get('/api/shows', {
    schema: { tags: ['shows'], summary: 'List shows', response: { 200: z.array(Summary) } },
    preHandler: app.requirePermission('shows:read'),
  }, async () => opts.shows.list());

  r.post('/api/shows', {
    schema: { tags: ['shows'], summary: 'Create a show', body: ShowFile, response: { 201: Stored } },
    preHandler: app.requirePermission('shows:write'),
  }, async (req, res) => {
    const stored = await opts.shows.save(req.body, req.account!.username, { review: reviewFor(req.account!), signal: clientGone(res) });
    changed(stored, req.account!.username);
    return res.code(201).send(stored);
  });

  r.get('/api/shows/:id', {
    schema: { tags: ['shows'], summary: 'Read a show with its revision', params: IdParams, response: { 200: Stored } },
    preHandler: app.requirePermission('shows:read'),
  }, async (req) => opts.shows.get(req.params.id));

  r.put('/api/shows/:id', {
    schema: { tags: ['shows'], summary: 'Save a show; 409 with the current version if someone saved since `revision`', params: IdParams, body: Update, response: { 200: Stored } },
    // An operator saves a show to set its inputs; the field check holds it to them.
    preHandler: app.requirePermission(['shows:write', 'inputs:configure']),
  }, async (req, res) => {
    const id = (req.body.show as { id?: unknown } | null)?.id;
    if (id !== req.params.id) {
      throw Object.assign(new Error(`show.id must be '${req.params.id}' (the show being saved)`), { statusCode: 400 });
    }
    const stored = await opts.shows.save(req.body.show, req.account!.username, { expectedRevision: req.body.revision, review: reviewFor(req.account!), signal: clientGone(res) });
    changed(stored, req.account!.username);
    return stored;
  });

  r.delete('/api/shows/:id', {
    schema: { tags: ['shows'], summary: 'Delete a show', params: IdParams },
    preHandler: app.requirePermission('shows:write'),
  }, async (req) => {
    await opts.shows.remove(req.params.id, { repair: can(req.account!.role, 'shows:repair') });
    changed({ id: req.params.id, revision: null }, req.account!.username);
    return { ok: true };
  });

  r.post('/api/shows/import', {
    schema: {
      tags: ['shows'],
      summary: 'Import a show file; replaces a show with the same id only with ?overwrite=true',
      querystring: z.object({ overwrite: z.enum(['true', 'false']).optional() }),
      body: ShowFile,
      response: { 201: Stored },
    },
    preHandler: app.requirePermission('shows:write'),
  }, async (req, res) => {
    const stored = await opts.shows.save(req.body, req.account!.username, {
      overwrite: req.query.overwrite === 'true',
      repair: can(req.account!.role, 'shows:repair'),
      review: reviewFor(req.account!),
      signal: clientGone(res),
    });
    changed(stored, req.account!.username);
    return res.code(201).send(stored);
  });

  r.get('/api/shows/:id/export', {
    schema: { tags: ['shows'], summary: 'Download the show file', params: IdParams },
    preHandler: app.requirePermission('shows:read'),
  }, async (req, res) => {
    const stored = await opts.shows.get(req.params.id);
    return res
      .header('content-disposition', `attachment; filename="${stored.id}.show.json"`)
      .type('application/json')
      .send(JSON.stringify(stored.show, null, 2));
  });
}
