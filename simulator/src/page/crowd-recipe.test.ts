import { describe, expect, it } from 'vitest';
import { crowdFromRecipe, venueFromRecipe } from './crowd-recipe';

describe('crowd recipes', () => {
  it('rebuild the same crowd every time (band i is the same seat on both sides)', () => {
    const recipe = { venue: { kind: 'arena', options: { seats: 3000 } }, crowd: { attendance: 0.8, seed: 7 } } as const;
    const a = crowdFromRecipe(recipe);
    const b = crowdFromRecipe(JSON.parse(JSON.stringify(recipe)));
    expect(b.count).toBe(a.count);
    expect(Array.from(b.present)).toEqual(Array.from(a.present));
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(b.venue?.seats[123]).toEqual(a.venue?.seats[123]);
  });

  it('builds a venue from a seat map CSV', () => {
    const v = venueFromRecipe({ kind: 'csv', name: 'Club', text: 'section,row,seat,x,y,zone\nA,1,1,0,0,0\nA,1,2,1,0,1\n' });
    expect(v.name).toBe('Club');
    expect(v.seats.map((s) => s.zone)).toEqual([0, 1]);
  });

  it('names the line of a broken seat map', () => {
    expect(() => venueFromRecipe({ kind: 'csv', text: 'section,row,seat,x,y\nA,1,1,zero,0\n' })).toThrow(/line 2/);
  });
});
