/** The brand routes of the controller (controller/src/server/plugins/brand.ts), typed for the brand pages. */
import type { BrandSchedule, BrandSequence, LogoPlacement, Venue } from '@crowdcue/protocol';
import { ApiError, api, readApiError } from '../api/http';

export interface ShowRef {
  id: string;
  name: string;
}

export interface ShowVenue {
  site: number;
  venue: Venue;
  parades: Array<{ id: string; name: string }>;
  cues: Array<{ id: string; label: string }>;
}

export interface LogoRecord {
  asset: string;
  format: 'png' | 'jpeg' | 'svg';
  width: number;
  height: number;
  bytes: number;
  name: string;
}

export interface TransmitterCost {
  id: string;
  packets: number;
  bytes: number;
  roundAirMs: number;
  preloadChannelMs: number;
  transmissions: number;
}

export interface Preview {
  palette: Array<[number, number, number]>;
  seats: { covered: number; total: number };
  zones: number[];
  cost: {
    imagePackets: number;
    bytes: number;
    rounds: { imageRounds: number; criticalCopies: number; expectedShare: number };
    transmitters: TransmitterCost[];
    perSeat: { packets: number; bytes: number; airMs: number };
    packetRatio: number;
    airRatio: number;
  };
  preload: { copies: number; rounds: number; leadMs: number; feasible: boolean | null; shortByMs: number };
  packets: { site: number; palette: string; images: string[]; showImage: { target: unknown; image: number } };
  seatImagePng: string;
}

export interface SequenceView {
  show: string;
  sequence: BrandSequence;
  durationMs: number;
  slot: string | null;
}

export interface ScheduleResult {
  sequence: SequenceView;
  preload: Preview['preload'] | null;
  warnings: string[];
}

export interface Report {
  id: number;
  recordedAt: string;
  brand: string;
  sequenceId: string;
  sequenceName: string;
  showId: string;
  scheduledStart: string;
  scheduledEnd: string;
  actualStart: string;
  actualEnd: string;
  zones: number[];
  seatsCovered: number;
  bandsEstimated: number;
  bandsCovered: number;
  airtimeMs: number;
  airtimeByTransmitter: Record<string, number>;
  transmissions: number;
  notes?: string;
  hasSnapshot: boolean;
}

export type SequenceInput = Omit<BrandSequence, 'brand' | 'approved' | 'id'> & { id?: string };

const enc = encodeURIComponent;

export const brandApi = {
  shows: () => api<ShowRef[]>('/api/brand/shows'),
  venue: (show: string) => api<ShowVenue>(`/api/brand/shows/${enc(show)}/venue`),
  async upload(file: File): Promise<LogoRecord> {
    let res: Response;
    try {
      res = await fetch(`/api/brand/logos?name=${enc(file.name)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': file.type || 'application/octet-stream' },
        body: file,
      });
    } catch {
      throw new ApiError(0, 'the controller cannot be reached');
    }
    if (!res.ok) throw await readApiError(res);
    return (await res.json()) as LogoRecord;
  },
  logoUrl: (asset: string) => `/api/brand/logos/${enc(asset)}`,
  preview: (show: string, placement: LogoPlacement) => api<Preview>(`/api/brand/shows/${enc(show)}/preview`, { method: 'POST', body: placement }),
  sequences: () => api<SequenceView[]>('/api/brand/sequences'),
  create: (show: string, input: SequenceInput) => api<SequenceView>(`/api/brand/shows/${enc(show)}/sequences`, { method: 'POST', body: input }),
  update: (show: string, id: string, input: SequenceInput) => api<SequenceView>(`/api/brand/shows/${enc(show)}/sequences/${enc(id)}`, { method: 'PUT', body: input }),
  remove: (show: string, id: string) => api<{ ok: true }>(`/api/brand/shows/${enc(show)}/sequences/${enc(id)}`, { method: 'DELETE' }),
  schedule: (show: string, id: string, schedule: BrandSchedule) =>
    api<ScheduleResult>(`/api/brand/shows/${enc(show)}/sequences/${enc(id)}/schedule`, { method: 'PUT', body: { schedule } }),
  approve: (show: string, id: string, approved: boolean) =>
    api<SequenceView>(`/api/brand/shows/${enc(show)}/sequences/${enc(id)}/approve`, { method: 'POST', body: { approved } }),
  reports: () => api<Report[]>('/api/brand/reports'),
  report: (id: number) => api<Report>(`/api/brand/reports/${id}`),
  snapshotUrl: (id: number) => `/api/brand/reports/${id}/snapshot.png`,
  csvUrl: (id?: number) => (id === undefined ? '/api/brand/reports.csv' : `/api/brand/reports/${id}/csv`),
};
