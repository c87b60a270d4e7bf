import { placeLogoInWorker } from '../place-logo-task';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrandService } from '../../brand/brand-service';
import { stripesPng } from '../../brand/fixtures.test-util';
import { playSlot } from '../../brand/played-slot.test-util';
import { demoShowInput } from '../../show/demo-show';
import { ShowStore } from '../../storage/show-store';
import { createTestApp, type TestApp } from '../test-app';
import brandPlugin from './brand';

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('brand routes', () => {
  let t: TestApp;
  let dir: string;
  let service: BrandService;
  let acme: Client;
  let globex: Client;
  let operator: Client;
  let designer: Client;
  let png: Buffer;
  let asset: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crowdcue-brand-'));
    const shows = new ShowStore(dir);
    await shows.init();
    const demo = demoShowInput();
    await shows.save({ ...demo, venue: { ...demo.venue, seats: { kind: 'stadium', seed: 1, seats: 3000 } } }, 'test');
    // Logos are drawn in worker tasks, as the server does.
    service = await BrandService.open({ dataDir: dir, shows, placeLogo: placeLogoInWorker });
    t = await createTestApp({ shows, extend: async (app) => void (await app.register(brandPlugin, { service, maxLogoBytes: 200_000 })) });
    acme = await t.as('brand', { username: 'acme-user', brand: 'acme' });
    globex = await t.as('brand', { username: 'globex-user', brand: 'globex' });
    operator = await t.as('operator');
    designer = await t.as('designer');
    png = await stripesPng([[255, 0, 0], [255, 255, 255], [0, 0, 255]], 60, 30);
  });

  afterAll(async () => {
    service.close();
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const upload = (c: Client, body: Buffer | string, type = 'image/png') => c({ method: 'POST', url: '/api/brand/logos?name=acme.png', headers: { 'content-type': type }, payload: body });

  it('uploads a logo, and says what is wrong with a bad one', async () => {
    const ok = await upload(acme, png);
    expect(ok.statusCode).toBe(201);
    asset = ok.json().asset;
    expect(ok.json()).toMatchObject({ format: 'png', width: 60, height: 30, brand: 'acme' });
    const text = await upload(acme, 'hello', 'text/plain');
    expect(text.statusCode).toBe(415);
    const garbage = await upload(acme, Buffer.from('not a png at all'));
    expect(garbage.statusCode).toBe(415);
    expect(garbage.json()).toMatchObject({ error: 'NOT_AN_IMAGE', fields: [{ path: 'file' }] });
    const big = await upload(acme, Buffer.alloc(300_000, 1));
    expect(big.statusCode).toBe(413);
    const gif = await upload(acme, await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } }).gif().toBuffer(), 'application/octet-stream');
    expect(gif.json().message).toMatch(/gif.*PNG, JPEG or SVG/);
    expect((await designer({ method: 'POST', url: '/api/brand/logos', headers: { 'content-type': 'image/png' }, payload: png })).statusCode).toBe(403);
    // Another brand cannot read or use it.
    expect((await acme({ method: 'GET', url: `/api/brand/logos/${asset}` })).headers['content-type']).toBe('image/png');
    expect((await globex({ method: 'GET', url: `/api/brand/logos/${asset}` })).statusCode).toBe(404);
  });

  it('previews a placed logo: seat image PNG, palette, packets and cost', async () => {
    const res = await acme({ method: 'POST', url: '/api/brand/shows/demo/preview', payload: { asset, zones: [0, 1, 2, 3], rotation: 10 } });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.palette.length).toBeGreaterThanOrEqual(3);
    expect(p.palette.length).toBeLessThanOrEqual(12);
    expect(p.zones).toEqual([0, 1, 2, 3]);
    expect(p.cost.imagePackets).toBe(p.packets.images.length);
    expect(p.cost.imagePackets).toBeLessThan(p.seats.covered / 10);
    expect(p.cost.transmitters[0]).toMatchObject({ id: 'virtual' });
    expect(p.cost.transmitters[0].roundAirMs).toBeGreaterThan(0);
    expect(p.preload.leadMs).toBeGreaterThan(0);
    expect((await sharp(Buffer.from(p.seatImagePng, 'base64')).metadata()).format).toBe('png');
    const bad = await acme({ method: 'POST', url: '/api/brand/shows/demo/preview', payload: { asset, scale: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('body.scale');
    expect((await globex({ method: 'POST', url: '/api/brand/shows/demo/preview', payload: { asset } })).statusCode).toBe(404);
  });

  const steps = [{ kind: 'reveal', duration: 4000, fade: 500 }, { kind: 'wash', duration: 2000, color: '#00ff00' }, { kind: 'hold', duration: 2000 }];

  it('keeps each brand to its own sequences', async () => {
    const created = await acme({ method: 'POST', url: '/api/brand/shows/demo/sequences', payload: { id: 'acme-night', name: 'Acme at night', logo: { asset, zones: [0, 1, 2, 3] }, steps } });
    expect(created.statusCode).toBe(201);
    expect(created.json().sequence).toMatchObject({ id: 'acme-night', brand: 'acme', approved: false });
    expect((await globex({ method: 'GET', url: '/api/brand/shows/demo/sequences/acme-night' })).statusCode).toBe(404);
    expect((await globex({ method: 'PUT', url: '/api/brand/shows/demo/sequences/acme-night', payload: { name: 'mine now', steps } })).statusCode).toBe(404);
    expect((await globex({ method: 'DELETE', url: '/api/brand/shows/demo/sequences/acme-night' })).statusCode).toBe(404);
    expect((await globex({ method: 'GET', url: '/api/brand/sequences' })).json()).toEqual([]);
    expect((await acme({ method: 'GET', url: '/api/brand/sequences' })).json().map((v: { sequence: { id: string } }) => v.sequence.id)).toEqual(['acme-night']);
    expect((await operator({ method: 'GET', url: '/api/brand/sequences?show=demo' })).json()).toHaveLength(1);
    expect((await designer({ method: 'GET', url: '/api/brand/sequences' })).statusCode).toBe(403);
    // A logo of another brand cannot be used; a reveal without a logo is refused by the show's own validation.
    const theirs = await globex({ method: 'POST', url: '/api/brand/shows/demo/sequences', payload: { name: 'x', logo: { asset }, steps } });
    expect(theirs.statusCode).toBe(404);
    const noLogo = await globex({ method: 'POST', url: '/api/brand/shows/demo/sequences', payload: { name: 'x', steps } });
    expect(noLogo.statusCode).toBe(400);
    expect(noLogo.json().message).toMatch(/reveal step needs the sequence to have a logo/);
  });

  it('schedules, refuses overlaps on shared zones and preloads that cannot finish, and needs an operator to approve', async () => {
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const slot = at(3_600_000);
    // Relative to acme's slot, not to now: placing a logo takes a while, and the clash must stay a clash.
    const afterSlot = (ms: number) => new Date(Date.parse(slot) + ms).toISOString();
    const ok = await acme({ method: 'PUT', url: '/api/brand/shows/demo/sequences/acme-night/schedule', payload: { schedule: { wallClock: slot } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().preload).toMatchObject({ feasible: true });
    expect(ok.json().preload.copies).toBeGreaterThan(10);

    const soon = await acme({ method: 'PUT', url: '/api/brand/shows/demo/sequences/acme-night/schedule', payload: { schedule: { wallClock: at(1000) } } });
    expect(soon.statusCode).toBe(409);
    expect(soon.json()).toMatchObject({ error: 'PRELOAD_TOO_LATE', details: { preload: { feasible: false } } });
    // A second from now may have passed by the time the logo is placed on a busy machine: either is said plainly.
    expect(soon.json().message).toMatch(/^that (is too soon: the logo is loaded onto the bands .* before the slot, and this slot starts in|time has passed)/);
    const past = await acme({ method: 'PUT', url: '/api/brand/shows/demo/sequences/acme-night/schedule', payload: { schedule: { wallClock: '2020-01-01T20:00:00.000Z' } } });
    expect(past.statusCode).toBe(409);
    expect(past.json().message).toBe('that time has passed: pick a time later than now');

    const gxLogo = (await upload(globex, await stripesPng([[0, 255, 0]], 10, 10))).json().asset;
    await globex({ method: 'POST', url: '/api/brand/shows/demo/sequences', payload: { id: 'globex-1', name: 'Globex', logo: { asset: gxLogo, zones: [3, 4] }, steps } });
    const clash = await globex({ method: 'PUT', url: '/api/brand/shows/demo/sequences/globex-1/schedule', payload: { schedule: { wallClock: afterSlot(3000) } } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toMatch(/overlaps another brand's sequence .* on zone 3/);
    // Other zones at the same time, or the same zones later: fine.
    await globex({ method: 'PUT', url: '/api/brand/shows/demo/sequences/globex-1', payload: { name: 'Globex', logo: { asset: gxLogo, zones: [8, 9] }, steps } });
    expect((await globex({ method: 'PUT', url: '/api/brand/shows/demo/sequences/globex-1/schedule', payload: { schedule: { wallClock: afterSlot(3000) } } })).statusCode).toBe(200);

    expect((await acme({ method: 'POST', url: '/api/brand/shows/demo/sequences/acme-night/approve', payload: { approved: true } })).statusCode).toBe(403);
    const approved = await operator({ method: 'POST', url: '/api/brand/shows/demo/sequences/acme-night/approve', payload: { approved: true } });
    expect(approved.json().sequence).toMatchObject({ approved: true, approvedBy: 'operator-user' });
    expect(approved.json().sequence.schedule).toEqual({ wallClock: slot });
    // The brand changes it: approval is withdrawn.
    const edited = await acme({ method: 'PUT', url: '/api/brand/shows/demo/sequences/acme-night', payload: { name: 'Acme late', logo: { asset, zones: [0, 1, 2, 3] }, steps, schedule: { wallClock: slot } } });
    expect(edited.json().sequence).toMatchObject({ name: 'Acme late', approved: false });
    expect(edited.json().sequence).not.toHaveProperty('approvedBy');
    // An admin moving a sequence onto another is told its name.
    const admin = await t.as('admin');
    const adminClash = await admin({ method: 'PUT', url: '/api/brand/shows/demo/sequences/globex-1', payload: { name: 'Globex', logo: { asset: gxLogo, zones: [3, 4] }, steps, schedule: { wallClock: slot } } });
    expect(adminClash.statusCode).toBe(409);
    expect(adminClash.json().message).toMatch(/overlaps sequence "Acme late" \(acme-night\)/);
    expect((await t.app.inject({ method: 'GET', url: '/api/brand/sequences' })).statusCode).toBe(401);
  });

  it('lists every sequence for approval with its zones, preload figures and warnings, to operators and admins only', async () => {
    await globex({ method: 'POST', url: '/api/brand/shows/demo/sequences', payload: { id: 'globex-wash', name: 'Globex wash', steps: [{ kind: 'wash', duration: 1000, color: '#0000ff' }] } });
    const res = await operator({ method: 'GET', url: '/api/brand/approvals?show=demo' });
    expect(res.statusCode).toBe(200);
    type Row = { show: string; sequence: { id: string; brand: string; approved: boolean }; zones: number[]; preload: { feasible: boolean | null; copies: number } | null; warnings: string[]; slot: string | null };
    const rows = res.json() as Row[];
    const byId = new Map(rows.map((r) => [r.sequence.id, r]));
    expect([...byId.keys()].sort()).toEqual(['acme-night', 'globex-1', 'globex-wash']);
    const acmeRow = byId.get('acme-night')!;
    expect(acmeRow).toMatchObject({ show: 'demo', sequence: { brand: 'acme' }, zones: [0, 1, 2, 3], warnings: [] });
    expect(acmeRow.preload).toMatchObject({ feasible: true });
    expect(acmeRow.preload!.copies).toBeGreaterThan(10);
    expect(acmeRow.slot).toMatch(/^\d{4}-/);
    expect(byId.get('globex-1')!.zones).toEqual([8, 9]);
    // No logo: no preload; no slot: said so, and approving it is refused with the reason.
    expect(byId.get('globex-wash')).toMatchObject({ preload: null, slot: null });
    expect(byId.get('globex-wash')!.warnings.join(' ')).toMatch(/no slot yet/);
    const early = await operator({ method: 'POST', url: '/api/brand/shows/demo/sequences/globex-wash/approve', payload: { approved: true } });
    expect(early.statusCode).toBe(400);
    // Approve, then withdraw: the list follows.
    await operator({ method: 'POST', url: '/api/brand/shows/demo/sequences/globex-1/approve', payload: { approved: true } });
    const after = (await (await t.as('admin'))({ method: 'GET', url: '/api/brand/approvals' })).json() as Row[];
    expect(after.find((r) => r.sequence.id === 'globex-1')!.sequence.approved).toBe(true);
    await operator({ method: 'POST', url: '/api/brand/shows/demo/sequences/globex-1/approve', payload: { approved: false } });
    expect(((await operator({ method: 'GET', url: '/api/brand/approvals' })).json() as Row[]).find((r) => r.sequence.id === 'globex-1')!.sequence.approved).toBe(false);
    expect((await acme({ method: 'GET', url: '/api/brand/approvals' })).statusCode).toBe(403);
    expect((await designer({ method: 'GET', url: '/api/brand/approvals' })).statusCode).toBe(403);
    expect((await operator({ method: 'GET', url: '/api/brand/approvals?show=nope' })).statusCode).toBe(404);
    await globex({ method: 'DELETE', url: '/api/brand/shows/demo/sequences/globex-wash' });
  });

  it('shows each brand its own proof-of-play reports, snapshot, PDF and CSV', async () => {
    const start = Date.now();
    // acme-night played in virtual time from 30 s: its logo preloaded, revealed and held.
    const { result, air } = await playSlot(service, 'demo', 'acme-night', 30_000, demoShowInput().site, demoShowInput().venue.zones.map((z) => z.id));
    const record = await service.recordPlay('demo', result, { wallClock: (ms) => new Date(start + ms), air });
    expect(record.reasons).toEqual([]);
    expect(record.status).toBe('played');
    expect(record.figures!.middle.share, JSON.stringify(record.figures)).toBeGreaterThan(0.9);
    expect(record.bandsEstimated).toBeGreaterThan(0.9 * record.bandsCovered);
    const mine = (await acme({ method: 'GET', url: '/api/brand/reports' })).json();
    expect(mine).toHaveLength(1);
    expect((await globex({ method: 'GET', url: '/api/brand/reports' })).json()).toEqual([]);
    expect((await globex({ method: 'GET', url: `/api/brand/reports/${record.id}` })).statusCode).toBe(404);
    expect((await globex({ method: 'GET', url: `/api/brand/reports/${record.id}/snapshot.png` })).statusCode).toBe(404);
    const snap = await acme({ method: 'GET', url: `/api/brand/reports/${record.id}/snapshot.png` });
    expect(snap.headers['content-type']).toBe('image/png');
    expect((await sharp(snap.rawPayload).metadata()).format).toBe('png');
    const csv = await acme({ method: 'GET', url: '/api/brand/reports.csv' });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[1]).toMatch(/^\d+,acme,acme-night,Acme late,demo,/);
    expect((await globex({ method: 'GET', url: '/api/brand/reports.csv' })).body.trim().split('\r\n')).toHaveLength(1);
    expect((await operator({ method: 'GET', url: '/api/brand/reports' })).json()).toHaveLength(1);
    const one = await acme({ method: 'GET', url: `/api/brand/reports/${record.id}/csv` });
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-disposition']).toContain(`proof-of-play-${record.id}.csv`);
    expect(one.body.trim().split('\r\n')).toHaveLength(2);
    expect(one.body.split('\r\n')[1]).toMatch(/^\d+,acme,acme-night,/);
    const theirs = await globex({ method: 'GET', url: `/api/brand/reports/${record.id}/csv` });
    expect(theirs.body).not.toContain('acme-night');
    const pdf = await acme({ method: 'GET', url: `/api/brand/reports/${record.id}/report.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`proof-of-play-${record.id}.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await globex({ method: 'GET', url: `/api/brand/reports/${record.id}/report.pdf` })).statusCode).toBe(404);
    expect((await designer({ method: 'GET', url: `/api/brand/reports/${record.id}/report.pdf` })).statusCode).toBe(403);
  });

  it('lists the shows and their venues for placing a logo, to brands and approvers only', async () => {
    const shows = await acme({ method: 'GET', url: '/api/brand/shows' });
    expect(shows.statusCode).toBe(200);
    expect(JSON.stringify(shows.json())).toContain('demo');
    const venue = await acme({ method: 'GET', url: '/api/brand/shows/demo/venue' });
    expect(venue.statusCode).toBe(200);
    expect(JSON.stringify(venue.json())).toContain('zones');
    expect((await operator({ method: 'GET', url: '/api/brand/shows/demo/venue' })).statusCode).toBe(200);
    expect((await designer({ method: 'GET', url: '/api/brand/shows' })).statusCode).toBe(403);
    expect((await acme({ method: 'GET', url: '/api/brand/shows/nope/venue' })).statusCode).toBe(404);
  });
});
