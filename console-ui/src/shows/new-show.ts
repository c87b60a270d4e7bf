/** A small valid show to start from: the venue chosen (an arena in four zones unless told), one cue list with a house look. */
import type { ShowInput } from '@crowdcue/protocol';
import { uniqueId } from '../editing/ids';
import { venueOfChoice, type VenueChoice } from '../venue/venue-choice';

export function newShow(name: string, taken: string[], venue?: VenueChoice): ShowInput {
  const id = uniqueId(name, taken);
  return {
    version: 1,
    id,
    name,
    site: 1 + Math.floor(Math.random() * 254),
    venue: venue ? venueOfChoice(venue) : {
      name: 'Arena',
      zones: [
        { id: 0, name: 'Floor' },
        { id: 1, name: 'Left' },
        { id: 2, name: 'Back' },
        { id: 3, name: 'Right' },
      ],
      // The generator's own options (zones) ride in the catch-all the schema's type cannot express beside `kind`.
      seats: { kind: 'arena', seed: 1, seats: 4000, zones: 4 } as unknown as ShowInput['venue']['seats'],
    },
    cueLists: [{ id: 'main', name: 'Main', cues: [{ id: 'house', number: 1, label: 'House', looks: { all: { kind: 'color', color: '#202040' } }, fade: 2000 }] }],
    transmitters: [{ id: 'virtual', url: 'virtual', coverage: 'ALL' }],
  };
}
