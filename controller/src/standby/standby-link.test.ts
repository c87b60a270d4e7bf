import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { logoDir } from '../brand/logo-store';
import { ProofOfPlayLog } from '../brand/proof-of-play';
import { playEntry } from '../brand/proof-of-play.test-util';
import type { DurableWrite } from '../live/durable-runtime';
import { runtimeRecord } from '../live/runtime-file';
import { BackupTracker } from './backup-tracker';
import { listLogoFiles } from './followed-logos';
import { STANDBY_KEY_HEADER } from './standby-files';
import standbyLinkPlugin from './standby-link';
import { StateFollower } from './state-follower';

const KEY = 'a'.repeat(64);
const ASSET = (n: number) => `logo-${n.toString(16).padStart(20, '0')}`;
let dirs: string[] = [];
let app: FastifyInstance | undefined;
let follower: StateFollower | undefined;
let logs: ProofOfPlayLog[] = [];

afterEach(async () => {
  follower?.stop();
  await follower?.reportsCopied();
  await app?.close();
  for (const l of logs) l.close();
  logs = [];
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
  app = follower = undefined;
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'followed-logos-'));
  dirs.push(d);
  return d;
}

/** A logo as the LogoStore keeps it: its bytes and its record. */
async function putLogo(dataDir: string, n: number, bytes: Buffer): Promise<void> {
  await mkdir(logoDir(dataDir), { recursive: true });
  await writeFile(join(logoDir(dataDir), `${ASSET(n)}.png`), bytes);
  await writeFile(join(logoDir(dataDir), `${ASSET(n)}.json`), JSON.stringify({ asset: ASSET(n), format: 'png' }));
}

/** The active controller's standby link alone, on a real port. */
async function activeLink(dataDir: string, reports?: ProofOfPlayLog): Promise<string> {
  app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const now = runtimeRecord('demo', { status: 'stopped', positionMs: 0, current: null, master: 255, blackout: false, busks: [] }, { rev: 1, band: { seqReserved: 0, epochWallMs: 1 } });
  await app.register(standbyLinkPlugin, {
    key: KEY,
    dataDir,
    identity: () => ({ controllerId: 7, epoch: 1 }),
    role: () => 'active',
    url: () => null,
    feed: () => ({ now, written$: new Subject<DurableWrite>() }),
    tracker: new BackupTracker(),
    ...(reports ? { reports } : {}),
  });
  return app.listen({ port: 0, host: '127.0.0.1' });
}

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const play = (brand: string, i: number) => playEntry(brand, { actualStart: new Date(Date.UTC(2025, 5, 1, 20, i)).toISOString(), snapshotPng: Buffer.alloc(50_000, i) });

describe('proof of play on a hot-standby pair', () => {
  it('the backup copies every report, more than a page, under the same ids with their snapshots, and one recorded later', async () => {
    const active = await tempDir();
    const backup = await tempDir();
    const there = new ProofOfPlayLog(active);
    logs.push(there);
    for (let i = 0; i < 40; i++) there.record(play(i % 3 ? 'acme' : 'globex', i));
    const url = await activeLink(active, there);
    follower = new StateFollower({ url: url + '/', key: KEY, dataDir: backup, takeoverMs: 60_000, onSilent: () => undefined });
    follower.start();
    const here = new ProofOfPlayLog(backup);
    logs.push(here);
    await until('40 reports copied', () => here.newestId() === 40);
    await follower.reportsCopied();
    expect(here.list()).toEqual(there.list());
    expect(here.snapshot(17)).toEqual(there.snapshot(17));

    there.record(play('initech', 41));
    await until('the later report copied', () => here.newestId() === 41);
    expect(here.get(41)).toEqual(there.get(41));
    expect((await app!.inject({ method: 'GET', url: '/api/standby/reports?after=0' })).statusCode).toBe(403);
  });
});

describe('logos on a hot-standby pair', () => {
  it('lists a data directory’s logo files, images before records, nothing else', async () => {
    const d = await tempDir();
    await putLogo(d, 2, Buffer.from('b'));
    await putLogo(d, 1, Buffer.from('a'));
    await writeFile(join(logoDir(d), 'notes.txt'), 'x');
    expect(await listLogoFiles(d)).toEqual([`${ASSET(1)}.png`, `${ASSET(2)}.png`, `${ASSET(1)}.json`, `${ASSET(2)}.json`]);
    expect(await listLogoFiles(join(d, 'none'))).toEqual([]);
  });

  it('the backup copies every logo the active controller has, byte for byte, and one uploaded later', async () => {
    const active = await tempDir();
    const backup = await tempDir();
    const first = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    await putLogo(active, 1, first);
    const url = await activeLink(active);
    follower = new StateFollower({ url: url + '/', key: KEY, dataDir: backup, takeoverMs: 60_000, onSilent: () => undefined });
    follower.start();
    const copied = (n: number, ext: string) => existsSync(join(logoDir(backup), `${ASSET(n)}.${ext}`));
    await until('the first logo copied', () => copied(1, 'json'));
    await follower.logosCopied();
    expect(await readFile(join(logoDir(backup), `${ASSET(1)}.png`))).toEqual(first);
    expect(await readFile(join(logoDir(backup), `${ASSET(1)}.json`), 'utf8')).toBe(await readFile(join(logoDir(active), `${ASSET(1)}.json`), 'utf8'));

    const later = Buffer.alloc(300_000, 7);
    await putLogo(active, 2, later);
    await until('the later logo copied', () => copied(2, 'json'));
    await follower.logosCopied();
    expect(await readFile(join(logoDir(backup), `${ASSET(2)}.png`))).toEqual(later);
  });

  it('gives a logo file only with the pair’s key, and only a logo file', async () => {
    const active = await tempDir();
    await putLogo(active, 1, Buffer.from('x'));
    await activeLink(active);
    const get = (url: string, key?: string) => app!.inject({ method: 'GET', url, headers: key ? { [STANDBY_KEY_HEADER]: key } : {} });
    expect((await get(`/api/standby/logo/${ASSET(1)}.png`, KEY)).body).toBe('x');
    expect((await get(`/api/standby/logo/${ASSET(1)}.png`)).statusCode).toBe(403);
    expect((await get(`/api/standby/logo/${ASSET(3)}.png`, KEY)).statusCode).toBe(404);
    expect((await get(`/api/standby/logo/..%2Faccounts.json`, KEY)).statusCode).toBe(400);
    expect((await get(`/api/standby/logo/standby.key`, KEY)).statusCode).toBe(400);
  });
});
