/**
 * The command-line form of a desk input: `PROTOCOL:UNIVERSE@ADDRESS[?zones=N&hold=MS&interface=IP&port=N]`,
 * e.g. `sacn:1@101?zones=32` or `artnet:0@1`. Checked by the show file's
 * own schema, so the limits and messages are the same.
 */
import { DeskInputSchema, type DeskInput } from '@crowdcue/protocol';

const FORM = 'sacn|artnet:UNIVERSE@ADDRESS[?zones=N&hold=MS&interface=IP&port=N]';
const QUERY_FIELDS: Record<string, 'zones' | 'holdMs' | 'interface' | 'port'> = { zones: 'zones', hold: 'holdMs', interface: 'interface', port: 'port' };

export function parseDeskArg(text: string): { ok: true; desk: DeskInput } | { ok: false; error: string } {
  const m = /^(\w+):(\d+)@(\d+)(?:\?(.*))?$/.exec(text.trim());
  if (!m) return { ok: false, error: `--desk ${JSON.stringify(text)}: expected ${FORM}` };
  const raw: Record<string, unknown> = { protocol: m[1], universe: Number(m[2]), address: Number(m[3]) };
  for (const pair of (m[4] ?? '').split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    const field = QUERY_FIELDS[k];
    if (!field) return { ok: false, error: `--desk: unknown option '${k}' (options: ${Object.keys(QUERY_FIELDS).join(', ')})` };
    raw[field] = field === 'interface' ? v : /^\d+$/.test(v) ? Number(v) : v;
  }
  const parsed = DeskInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `--desk: ${issue.path.join('.') || 'value'}: ${issue.message}` };
  }
  return { ok: true, desk: parsed.data };
}
