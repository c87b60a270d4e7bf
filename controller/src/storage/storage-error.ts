/**
 * The disk refused a save (permissions, full disk): nothing was changed in
 * memory either, and a later save may work. Answered as a 503 with this message.
 */
export class StorageError extends Error {
  readonly statusCode = 503;

  constructor(what: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`${what} could not be saved (${code ?? (cause instanceof Error ? cause.message : String(cause))}); nothing was changed`, { cause });
    this.name = 'StorageError';
  }
}
