/**
 * Uploaded logos on disk, `<data>/brand/logos/<asset>.<ext>` with a JSON
 * record beside each. An asset belongs to the brand that uploaded it; another
 * brand asking for it is told it does not exist. The same file uploaded twice
 * by one brand is one asset.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJson, writeJsonAtomic } from '../storage/atomic-json';
import { BrandError } from './brand-error';
import type { LogoFormat, LogoRecord } from '@crowdcue/protocol';
import { decodeLogo, type LogoLimits } from './logo-decode';

const ASSET = /^logo-[0-9a-f]{20}$/;
/** A file of the logo store: an asset's bytes or its JSON record (what a hot-standby backup copies). */
export const LOGO_FILE = /^logo-[0-9a-f]{20}\.(png|jpg|svg|json)$/;

/** Where the uploaded logos of a data directory are. */
export function logoDir(dataDir: string): string {
  return join(dataDir, 'brand', 'logos');
}
const EXT: Record<LogoFormat, string> = { png: 'png', jpeg: 'jpg', svg: 'svg' };
export const LOGO_MIME: Record<LogoFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', svg: 'image/svg+xml' };

export class LogoStore {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly limits: LogoLimits = {},
  ) {
    this.dir = logoDir(dataDir);
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  /** Checks the bytes (format, size, something visible) and keeps them. */
  async add(bytes: Uint8Array, by: { brand: string; username: string }, name = 'logo'): Promise<LogoRecord> {
    const info = await decodeLogo(bytes, this.limits);
    const asset = 'logo-' + createHash('sha256').update(by.brand).update('\0').update(bytes).digest('hex').slice(0, 20);
    const existing = await this.record(asset);
    if (existing) return existing;
    const record: LogoRecord = { ...info, asset, brand: by.brand, name: name.slice(0, 200), uploadedAt: new Date().toISOString(), uploadedBy: by.username };
    await writeFile(join(this.dir, `${asset}.${EXT[info.format]}`), bytes);
    await writeJsonAtomic(join(this.dir, `${asset}.json`), record);
    return record;
  }

  /** The record of an asset; `brand` given: only if it is that brand's. */
  async get(asset: string, brand?: string): Promise<LogoRecord> {
    const record = await this.record(asset);
    if (!record || (brand !== undefined && record.brand !== brand)) throw new BrandError('NOT_FOUND', `no logo '${asset}'`, 'asset');
    return record;
  }

  async bytes(asset: string, brand?: string): Promise<{ record: LogoRecord; bytes: Buffer }> {
    const record = await this.get(asset, brand);
    return { record, bytes: await readFile(join(this.dir, `${asset}.${EXT[record.format]}`)) };
  }

  private async record(asset: string): Promise<LogoRecord | undefined> {
    if (!ASSET.test(asset)) return undefined;
    return (await readJson(join(this.dir, `${asset}.json`))) as LogoRecord | undefined;
  }
}
