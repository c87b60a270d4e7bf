/**
 * JSON Schema of the show file for editors (autocomplete, inline errors).
 * It describes the file as written (input side: defaults optional, colours
 * may be #rrggbb); cross-reference checks live only in `parseShow`.
 */
import { z } from 'zod';
import { BrandSequenceSchema } from './brand';
import { ColourSchema } from './colour';
import { CueSchema } from './cue';
import { LookSchema } from './look';
import { ParadeSchema, ParadeStepSchema, ParadeTargetSchema } from './parade';
import { ShowSchema } from './show';
import { TransmitterConfigSchema } from './transmitter';
import { SeatSchema, VenueSchema } from './venue';

export const SHOW_SCHEMA_ID = 'https://crowdcue.dev/schema/show.schema.json';

// Named definitions keep the file readable and small; a private registry
// leaves the schemas themselves (and zod's global registry) untouched.
const names = z.registry<{ id: string }>();
names.add(ColourSchema, { id: 'Colour' });
names.add(LookSchema, { id: 'Look' });
names.add(CueSchema, { id: 'Cue' });
names.add(SeatSchema, { id: 'Seat' });
names.add(VenueSchema, { id: 'Venue' });
names.add(ParadeTargetSchema, { id: 'ParadeTarget' });
names.add(ParadeStepSchema, { id: 'ParadeStep' });
names.add(ParadeSchema, { id: 'Parade' });
names.add(BrandSequenceSchema, { id: 'BrandSequence' });
names.add(TransmitterConfigSchema, { id: 'Transmitter' });

export function showJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ShowSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any', metadata: names });
  return {
    ...schema,
    $id: SHOW_SCHEMA_ID,
    title: 'CrowdCue show file',
    description: 'A CrowdCue show: venue, cue lists, parades, brand sequences, transmitters, safety.',
  };
}

/** The file's text: stable, two-space indented, newline at the end. */
export const showJsonSchemaText = (): string => JSON.stringify(showJsonSchema(), null, 2) + '\n';
