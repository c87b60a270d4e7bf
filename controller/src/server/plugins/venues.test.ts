import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app';
import venuesPlugin from './venues';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ extend: async (app) => void (await app.register(venuesPlugin)) });
});
afterAll(() => t.close());

describe('venue routes', () => {
  it('needs a login and a role that reads shows', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/venues/kinds' })).statusCode).toBe(401);
    expect((await (await t.as('brand'))({ method: 'GET', url: '/api/venues/kinds' })).statusCode).toBe(403);
  });

  it('lists the seat generators with their options', async () => {
    const designer = await t.as('designer');
    const res = await designer({ method: 'GET', url: '/api/venues/kinds' });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((k: { kind: string }) => k.kind)).toEqual(['stadium', 'arena', 'field']);
  });

  it('previews a generator spec: seats, zones with seat counts, extent', async () => {
    const designer = await t.as('designer');
    const res = await designer({ method: 'POST', url: '/api/venues/preview', payload: { seats: { kind: 'stadium', seed: 1 }, zones: 16 } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.seats).toBe(19_200);
    expect(body.zones).toHaveLength(16);
    expect(body.zones.reduce((n: number, z: { seats: number }) => n + z.seats, 0)).toBe(19_200);
    expect(body.bounds.maxX).toBeGreaterThan(body.bounds.minX);
  });

  it('names the bad field of a generator spec', async () => {
    const designer = await t.as('designer');
    const res = await designer({ method: 'POST', url: '/api/venues/preview', payload: { seats: { kind: 'moon' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('body.seats.kind');
    const bad = await designer({ method: 'POST', url: '/api/venues/preview', payload: { seats: { kind: 'stadium', sections: 0 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toMatch(/^body\.seats/);
  });

  it('imports a seat CSV', async () => {
    const designer = await t.as('designer');
    const csv = 'section,row,seat,x,y,zone\nA,1,1,0,0,0\nA,1,2,1,0,0\nB,1,1,10,0,1\n';
    const res = await designer({ method: 'POST', url: '/api/venues/seat-csv', payload: { csv, name: 'Club' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ name: 'Club', kind: 'csv', seats: 3 });
    expect(body.zones.map((z: { id: number; seats: number }) => [z.id, z.seats])).toEqual([[0, 2], [1, 1]]);
    expect(body.venueSeats[2]).toMatchObject({ section: 'B', row: '1', seat: '1', zone: 1 });
  });

  it('lists every CSV problem by line and column, nothing imported', async () => {
    const designer = await t.as('designer');
    const csv = 'section,row,seat,x,y,zone\nA,1,1,zero,0,0\nA,1,2,1,0,99\n';
    const res = await designer({ method: 'POST', url: '/api/venues/seat-csv', payload: { csv } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.message).toMatch(/2 problems/);
    expect(body.lines).toEqual([
      expect.objectContaining({ line: 2, column: 'x' }),
      expect.objectContaining({ line: 3, column: 'zone' }),
    ]);
    expect(body.fields[0]).toEqual({ path: 'body.csv', message: body.lines[0].message });
  });

  it('refuses a venue bigger than a site can address before making a seat, naming the limit', async () => {
    const designer = await t.as('designer');
    // 8 x 400 x 200 x 500 = 320 million seats: this used to block the server for a minute and run it out of memory.
    for (const seats of [
      { kind: 'stadium', tiers: 8, sections: 400, rows: 200, seatsPerRow: 500 },
      { kind: 'stadium', tiers: 2, sections: 100, rows: 200, seatsPerRow: 200 },
      { kind: 'arena', floorRows: 1000, floorCols: 1000 },
    ]) {
      const res = await designer({ method: 'POST', url: '/api/venues/preview', payload: { seats } });
      expect(res.statusCode).toBe(400);
      const field = res.json().fields[0];
      expect(field.path).toBe('body.seats');
      expect(field.message).toMatch(/at most 65,535/);
    }
  });
});

