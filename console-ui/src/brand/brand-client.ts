/** The brand routes of the controller (controller/src/server/plugins/brand.ts), typed for the brand pages. */
import type {
  BrandSchedule,
  BrandSequence,
  LogoPlacement,
  LogoPreview,
  LogoRecord,
  ProofOfPlayRecord,
  ScheduleResult,
  SequenceView,
  Venue,
} from '@crowdcue/protocol';
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

// The payloads are protocol's, shared with the server.
export type { LogoPreview, LogoRecord, ProofOfPlayRecord, ScheduleResult, SequenceView };
export type SequenceInput = Omit<BrandSequence, 'brand' | 'approved' | 'approvedBy' | 'id'> & { id?: string };

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
  preview: (show: string, placement: LogoPlacement) => api<LogoPreview>(`/api/brand/shows/${enc(show)}/preview`, { method: 'POST', body: placement }),
  sequences: () => api<SequenceView[]>('/api/brand/sequences'),
  create: (show: string, input: SequenceInput) => api<SequenceView>(`/api/brand/shows/${enc(show)}/sequences`, { method: 'POST', body: input }),
  update: (show: string, id: string, input: SequenceInput) => api<SequenceView>(`/api/brand/shows/${enc(show)}/sequences/${enc(id)}`, { method: 'PUT', body: input }),
  remove: (show: string, id: string) => api<{ ok: true }>(`/api/brand/shows/${enc(show)}/sequences/${enc(id)}`, { method: 'DELETE' }),
  schedule: (show: string, id: string, schedule: BrandSchedule) =>
    api<ScheduleResult>(`/api/brand/shows/${enc(show)}/sequences/${enc(id)}/schedule`, { method: 'PUT', body: { schedule } }),
  approve: (show: string, id: string, approved: boolean) =>
    api<SequenceView>(`/api/brand/shows/${enc(show)}/sequences/${enc(id)}/approve`, { method: 'POST', body: { approved } }),
  reports: () => api<ProofOfPlayRecord[]>('/api/brand/reports'),
  report: (id: number) => api<ProofOfPlayRecord>(`/api/brand/reports/${id}`),
  snapshotUrl: (id: number) => `/api/brand/reports/${id}/snapshot.png`,
  csvUrl: (id?: number) => (id === undefined ? '/api/brand/reports.csv' : `/api/brand/reports/${id}/csv`),
  pdfUrl: (id: number) => `/api/brand/reports/${id}/report.pdf`,
};
