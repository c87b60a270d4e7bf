/**
 * Transmitter addresses. One string names the device, how to reach it and the
 * few per-transmitter settings an operator sets on the command line:
 *
 *   serial:/dev/ttyUSB0?baud=115200        CCL over a serial port
 *   tcp://10.0.0.7:4001                    CCL over a ser2net-style TCP bridge
 *   virtual                                the simulator's CCL device, in-process
 *   xylo+serial:/dev/ttyACM0?site=3        Xylobands through a XyloSender sketch
 *   xylo+tcp://10.0.0.8:4001               the same sketch behind a TCP bridge
 *   pixmob+serial:/dev/ttyUSB1?zones=3     PixMob IR bands through an IR forwarder sketch
 *   pixmob+tcp://10.0.0.9:4001             the same sketch behind a TCP bridge
 *
 * Every form also takes `zones=0-5,8` (coverage: for IR, the zones it is aimed
 * at), `id=stage-left` and, for CCL, `lookahead=50` (ms).
 */

export type LinkAddress =
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'virtual' };

export interface TransmitterAddress {
  /** Which driver speaks to the device. */
  driver: 'ccl' | 'xylo' | 'pixmob';
  link: LinkAddress;
  /** Zones covered; undefined = not given in the URL. */
  zones?: number[] | 'ALL';
  id?: string;
  lookaheadMs?: number;
  /** Xyloband site byte. */
  site?: number;
}

export class TransmitterUrlError extends Error {
  constructor(
    readonly url: string,
    detail: string,
  ) {
    super(`bad transmitter URL '${url}': ${detail}`);
    this.name = 'TransmitterUrlError';
  }
}

export const DEFAULT_BAUD = 115200;
const FORMS = 'serial:/dev/ttyUSB0?baud=115200, tcp://host:port, virtual, xylo+serial:/dev/ttyACM0, pixmob+serial:/dev/ttyUSB1';

const PARAMS: Record<TransmitterAddress['driver'], Record<LinkAddress['kind'], string[]>> = {
  ccl: { serial: ['baud', 'zones', 'id', 'lookahead'], tcp: ['zones', 'id', 'lookahead'], virtual: ['zones', 'id', 'lookahead'] },
  xylo: { serial: ['baud', 'zones', 'id', 'site'], tcp: ['zones', 'id', 'site'], virtual: [] },
  pixmob: { serial: ['baud', 'zones', 'id'], tcp: ['zones', 'id'], virtual: [] },
};

function integer(url: string, name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text)) throw new TransmitterUrlError(url, `${name} must be a whole number, got '${text}'`);
  const n = Number(text);
  if (n < min || n > max) throw new TransmitterUrlError(url, `${name} must be ${min}..${max}, got ${n}`);
  return n;
}

/** `0-5,8,10-11` or `all` → sorted unique zones 0..63. */
export function parseZoneList(text: string, url = text): number[] | 'ALL' {
  if (text.trim().toLowerCase() === 'all') return 'ALL';
  const zones = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new TransmitterUrlError(url, `zones: '${part}' is not a zone or a range like 0-5`);
    const a = integer(url, 'zones', m[1], 0, 63);
    const b = m[2] === undefined ? a : integer(url, 'zones', m[2], 0, 63);
    if (b < a) throw new TransmitterUrlError(url, `zones: range '${part}' runs backwards`);
    for (let z = a; z <= b; z++) zones.add(z);
  }
  return [...zones].sort((x, y) => x - y);
}

function parseHostPort(url: string, rest: string): { host: string; port: number } {
  if (!rest.startsWith('//')) throw new TransmitterUrlError(url, 'tcp needs the form tcp://host:port');
  const hostPort = rest.slice(2).replace(/\/$/, '');
  const m = /^(\[[^\]]+\]|[^:/[\]]+):(\d*)$/.exec(hostPort);
  if (!m) throw new TransmitterUrlError(url, `expected host:port after tcp://, got '${hostPort}'`);
  if (m[2] === '') throw new TransmitterUrlError(url, 'port is missing');
  const host = m[1].startsWith('[') ? m[1].slice(1, -1) : m[1];
  return { host, port: integer(url, 'port', m[2], 1, 65535) };
}

export function parseTransmitterUrl(url: string): TransmitterAddress {
  const text = url.trim();
  if (text === '') throw new TransmitterUrlError(url, `empty; expected one of ${FORMS}`);
  const q = text.indexOf('?');
  const head = q < 0 ? text : text.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : text.slice(q + 1));

  let driver: TransmitterAddress['driver'] = 'ccl';
  let scheme: string;
  let rest: string;
  const colon = head.indexOf(':');
  if (colon < 0) {
    scheme = head;
    rest = '';
  } else {
    scheme = head.slice(0, colon).toLowerCase();
    rest = head.slice(colon + 1);
  }
  if (scheme.startsWith('xylo+')) {
    driver = 'xylo';
    scheme = scheme.slice('xylo+'.length);
  } else if (scheme.startsWith('pixmob+')) {
    driver = 'pixmob';
    scheme = scheme.slice('pixmob+'.length);
  }

  let link: LinkAddress;
  if (scheme === 'serial') {
    // serial:/dev/x, serial:///dev/x and serial:COM3 all name a path.
    const path = rest.startsWith('///') ? rest.slice(2) : rest;
    if (path === '' || path === '//') throw new TransmitterUrlError(url, 'serial port path is missing (serial:/dev/ttyUSB0)');
    const baud = query.get('baud');
    link = { kind: 'serial', path, baudRate: baud === null ? DEFAULT_BAUD : integer(url, 'baud', baud, 50, 4_000_000) };
  } else if (scheme === 'tcp') {
    link = { kind: 'tcp', ...parseHostPort(url, rest) };
  } else if (scheme === 'virtual') {
    if (driver === 'xylo') throw new TransmitterUrlError(url, 'there is no virtual XyloSender; use xylo+serial: or xylo+tcp://');
    if (driver === 'pixmob') throw new TransmitterUrlError(url, 'there is no virtual IR forwarder; use pixmob+serial: or pixmob+tcp://');
    if (rest !== '' && rest !== '//') throw new TransmitterUrlError(url, `'virtual' takes no path, got '${rest}'`);
    link = { kind: 'virtual' };
  } else {
    throw new TransmitterUrlError(url, `unknown scheme '${head.slice(0, colon < 0 ? head.length : colon)}'; expected one of ${FORMS}`);
  }

  const allowed = PARAMS[driver][link.kind];
  for (const key of query.keys()) {
    if (!allowed.includes(key)) throw new TransmitterUrlError(url, `unknown option '${key}' (allowed here: ${allowed.join(', ')})`);
  }
  const address: TransmitterAddress = { driver, link };
  const zones = query.get('zones');
  if (zones !== null) address.zones = parseZoneList(zones, url);
  const id = query.get('id');
  if (id !== null) {
    if (!/^[\w.-]{1,40}$/.test(id)) throw new TransmitterUrlError(url, `id must be 1..40 letters, digits, '.', '_' or '-', got '${id}'`);
    address.id = id;
  }
  const lookahead = query.get('lookahead');
  if (lookahead !== null) address.lookaheadMs = integer(url, 'lookahead', lookahead, 0, 1000);
  const site = query.get('site');
  if (site !== null) address.site = integer(url, 'site', site, 0, 255);
  if (driver === 'xylo' && address.zones !== undefined && address.zones !== 'ALL' && address.zones.some((z) => z > 11)) {
    throw new TransmitterUrlError(url, 'a XyloSender reaches zones 0..11 only');
  }
  return address;
}
