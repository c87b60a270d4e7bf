/** A proof-of-play entry as the runtime records one, for tests. */
import type { ProofOfPlayEntry } from './proof-of-play';

export const playEntry = (brand: string, extra: Partial<ProofOfPlayEntry> = {}): ProofOfPlayEntry => ({
  brand,
  sequenceId: `${brand}-seq`,
  sequenceName: `${brand} logo`,
  showId: 'demo',
  scheduledStart: '2025-06-01T20:30:00.000Z',
  scheduledEnd: '2025-06-01T20:30:10.000Z',
  actualStart: '2025-06-01T20:30:00.000Z',
  actualEnd: '2025-06-01T20:30:10.000Z',
  zones: [1, 2],
  seatsCovered: 2400,
  bandsEstimated: 2388,
  bandsCovered: 2400,
  airtimeMs: 1234.5,
  airtimeByTransmitter: { main: 1234.5 },
  transmissions: 180,
  status: 'played',
  reasons: [],
  figures: null,
  ...extra,
});
