/** Stored shows over REST: each save names the revision it started from. */
import type { Show, ShowSummary, StoredShow } from '@crowdcue/protocol';
import { api, readApiError, ApiError } from './http';

export type { ShowSummary, StoredShow };

const at = (id: string) => `/api/shows/${encodeURIComponent(id)}`;

export const listShows = () => api<ShowSummary[]>('/api/shows');
export const getShow = (id: string) => api<StoredShow>(at(id));
export const createShow = (show: unknown) => api<StoredShow>('/api/shows', { method: 'POST', body: show });
/** 409 (ApiError with `current`) when someone saved since `revision`. */
export const saveShow = (id: string, revision: number, show: Show) => api<StoredShow>(at(id), { method: 'PUT', body: { revision, show } });
export const deleteShow = (id: string) => api<{ ok: true }>(at(id), { method: 'DELETE' });
export const importShow = (file: unknown, overwrite = false) =>
  api<StoredShow>(`/api/shows/import${overwrite ? '?overwrite=true' : ''}`, { method: 'POST', body: file });
export const exportUrl = (id: string) => `${at(id)}/export`;

/** Downloads the show file through the browser (keeps the server's file name). */
export async function downloadShow(id: string): Promise<void> {
  const res = await fetch(exportUrl(id), { credentials: 'same-origin' });
  if (!res.ok) throw await readApiError(res);
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${id}.show.json`;
  const href = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

export const isConflict = (e: unknown): e is ApiError => e instanceof ApiError && e.statusCode === 409;
