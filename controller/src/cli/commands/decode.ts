/**
 * `crowdcue decode ccl|ccb|xylo|pixmob HEX...`: turns captured bytes into
 * readable JSON, one line per frame or packet, byte strings shown as hex; for
 * pixmob also IR forwarder lines.
 */
import { parseArgs } from 'node:util';
import {
  CclStreamDecoder,
  decodeCcb,
  decodeFrame,
  decodePixmob,
  decodeXylo,
  decodeXyloSerial,
  hexJsonReplacer,
  parseHex,
  parseForwarderLine,
  parseMessage,
  type CclFrame,
  type CclRawFrame,
  type DecodeError,
} from '@crowdcue/protocol';
import type { CliIO, CommandRun } from '../main';

const USAGE = `usage: crowdcue decode ccl|ccb|xylo|pixmob [options] HEX...

Decodes each HEX argument and prints it as JSON (one line per frame or packet;
byte strings as hex). Spaces and colons inside an argument are ignored.

  ccl    CCL link bytes as they travel on the serial line: COBS-encoded frames,
         each closed by 00 (the closing 00 of the last frame may be left off).
         One argument may hold several frames. With --frame, each argument is
         instead one decoded frame (version, type, seq, payload, crc).
  ccb    one CCB band packet (the RF payload bands receive).
  xylo   one Xyloband RF packet. With --serial, a XyloSender serial frame
         (length byte, then the packet).
  pixmob one PixMob IR code (its 6 or 9 bytes). With --line, an IR forwarder
         line instead ([N] digits ,), each code in it decoded.

options:
  --frame    (ccl) arguments are decoded frames, not wire bytes
  --serial   (xylo) arguments carry the XyloSender length byte
  --line     (pixmob) arguments are IR forwarder lines
  --pretty   indent the JSON
  -h, --help this text

Exit status: 0 when every argument decoded, 1 when any did not, 2 on bad usage.`;

type Kind = 'ccl' | 'ccb' | 'xylo' | 'pixmob';
const KINDS: readonly Kind[] = ['ccl', 'ccb', 'xylo', 'pixmob'];

interface Options {
  frame: boolean;
  serial: boolean;
  line: boolean;
  pretty: boolean;
}

/** What one argument decoded to: JSON values to print, or the errors that stopped it. */
type Outcome = { values: unknown[]; errors: string[] };

const describeError = (e: DecodeError): string => `${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message}`;

/** A CCL frame as printed: the message, plus the link-layer fields a capture reader wants. */
const cclJson = (raw: CclRawFrame, frame: CclFrame) => ({ seq: frame.seq, message: frame.message, version: raw.version, type: raw.type, payload: raw.payload });

function decodeCcl(bytes: Uint8Array, opts: Options): Outcome {
  if (opts.frame) {
    const raw = decodeFrame(bytes);
    if (!raw.ok) return { values: [], errors: [describeError(raw.error)] };
    const parsed = parseMessage(raw.value);
    if (!parsed.ok) return { values: [], errors: [describeError(parsed.error)] };
    return { values: [cclJson(raw.value, parsed.value)], errors: [] };
  }
  const decoder = new CclStreamDecoder();
  const items = decoder.push(bytes);
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0) items.push(...decoder.push(Uint8Array.of(0)));
  const out: Outcome = { values: [], errors: [] };
  items.forEach((item, i) => {
    if (item.kind === 'frame') out.values.push(cclJson(item.raw, item.frame));
    else out.errors.push(`frame ${i + 1}: ${item.cause} error, ${describeError(item.error)}`);
  });
  if (items.length === 0) out.errors.push('no frame in it (only 00 delimiters)');
  return out;
}

function decodePixmobCode(bytes: Uint8Array): Outcome {
  const r = decodePixmob(bytes);
  return r.ok ? { values: [r.value], errors: [] } : { values: [], errors: [`${r.error.code}: ${r.error.message}`] };
}

/** A forwarder line: its grammar checked as the sketch reads it, then every code in it. */
function decodeForwarderLine(line: string): Outcome {
  const p = parseForwarderLine(line);
  if (!p.ok) return { values: [], errors: [`${p.error.code}: ${p.error.message}`] };
  const out: Outcome = { values: [], errors: [] };
  for (const code of p.value.codes) {
    const one = decodePixmobCode(code);
    out.values.push(...one.values);
    out.errors.push(...one.errors);
  }
  return out;
}

function decodeOne(kind: Kind, bytes: Uint8Array, opts: Options): Outcome {
  switch (kind) {
    case 'ccl':
      return decodeCcl(bytes, opts);
    case 'ccb': {
      const r = decodeCcb(bytes);
      return r.ok ? { values: [r.value], errors: [] } : { values: [], errors: [describeError(r.error)] };
    }
    case 'xylo': {
      let packet = bytes;
      if (opts.serial) {
        const s = decodeXyloSerial(bytes);
        if (!s.ok) return { values: [], errors: [describeError(s.error)] };
        packet = s.value;
      }
      const r = decodeXylo(packet);
      return r.ok ? { values: [r.value], errors: [] } : { values: [], errors: [describeError(r.error)] };
    }
    case 'pixmob':
      return decodePixmobCode(bytes);
  }
}

function usageError(io: CliIO, message: string): number {
  io.err(`crowdcue decode: ${message}\n\n${USAGE}`);
  return 2;
}

export const run: CommandRun = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        frame: { type: 'boolean', default: false },
        serial: { type: 'boolean', default: false },
        line: { type: 'boolean', default: false },
        pretty: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return usageError(io, e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const [kindArg, ...hexArgs] = positionals;
  if (!kindArg) return usageError(io, 'say what to decode: ccl, ccb, xylo or pixmob');
  if (!KINDS.includes(kindArg as Kind)) return usageError(io, `unknown kind '${kindArg}' (expected ccl, ccb, xylo or pixmob)`);
  const kind = kindArg as Kind;
  if (hexArgs.length === 0) return usageError(io, 'give at least one HEX argument');
  const opts: Options = { frame: values.frame, serial: values.serial, line: values.line, pretty: values.pretty };
  if (opts.frame && kind !== 'ccl') return usageError(io, '--frame applies to ccl only');
  if (opts.serial && kind !== 'xylo') return usageError(io, '--serial applies to xylo only');
  if (opts.line && kind !== 'pixmob') return usageError(io, '--line applies to pixmob only');

  let failed = false;
  hexArgs.forEach((arg, i) => {
    const label = `argument ${i + 1} '${arg.length > 40 ? `${arg.slice(0, 40)}...` : arg}'`;
    let outcome: Outcome;
    if (opts.line) outcome = decodeForwarderLine(arg.trim());
    else {
      const hex = parseHex(arg.replace(/[\s:]/g, ''));
      if (!hex.ok) {
        io.err(`crowdcue decode: ${label}: not hex: ${hex.error.message}`);
        failed = true;
        return;
      }
      outcome = decodeOne(kind, hex.value, opts);
    }
    for (const v of outcome.values) io.out(JSON.stringify(v, hexJsonReplacer, opts.pretty ? 2 : undefined));
    for (const e of outcome.errors) io.err(`crowdcue decode: ${label}: ${e}`);
    if (outcome.errors.length > 0) failed = true;
  });
  return failed ? 1 : 0;
};
