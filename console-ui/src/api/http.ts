/**
 * JSON over fetch against the controller. Every error the server sends has one
 * shape (status, sentence, bad fields); it arrives here as an ApiError so a page
 * can show each field's message where the field is.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly fields: FieldError[] = [],
    /** On a 409: what the server holds now. */
    readonly current?: unknown,
  ) {
    super(message);
  }
}

/** Told when any request answers 401 (session over) or 423 (console locked). */
let onAuthProblem: ((status: 401 | 423) => void) | undefined;
export function setAuthProblemHandler(handler: ((status: 401 | 423) => void) | undefined): void {
  onAuthProblem = handler;
}

export async function readApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return new ApiError(res.status, `${res.status} ${res.statusText || 'error'}`);
  }
  const b = (body ?? {}) as { message?: unknown; fields?: unknown; current?: unknown };
  const fields = Array.isArray(b.fields)
    ? b.fields.filter((f): f is FieldError => typeof f?.path === 'string' && typeof f?.message === 'string')
    : [];
  const message = typeof b.message === 'string' ? b.message : `${res.status} ${res.statusText}`;
  return new ApiError(res.status, message, fields, b.current);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Don't report 401/423 to the session (the login and unlock calls themselves). */
  quiet?: boolean;
  signal?: AbortSignal;
}

export async function api<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  const init: RequestInit = { method: opts.method ?? 'GET', credentials: 'same-origin', signal: opts.signal, headers: {} };
  if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    if ((e as { name?: string }).name === 'AbortError') throw e;
    throw new ApiError(0, 'the controller cannot be reached; check the network and that the controller runs');
  }
  if (!res.ok) {
    const err = await readApiError(res);
    if (!opts.quiet && (res.status === 401 || res.status === 423)) onAuthProblem?.(res.status);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
