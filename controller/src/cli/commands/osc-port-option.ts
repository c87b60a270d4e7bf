/** `--osc PORT` on `start` and `play`: the UDP port the OSC input listens on, checked like the show's own. */
import { OscInputSchema } from '@crowdcue/protocol';

export function parseOscPort(text: string | undefined): { ok: true; port?: number } | { ok: false; error: string } {
  if (text === undefined) return { ok: true };
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  const checked = OscInputSchema.shape.port.safeParse(port);
  return checked.success ? { ok: true, port } : { ok: false, error: `--osc must be a UDP port 1024..65535, got '${text}'` };
}
