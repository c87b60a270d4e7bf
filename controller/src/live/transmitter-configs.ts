/**
 * Transmitter lists as an operator gives them: URLs on the command line, or a
 * show's `transmitters` from the console. Every URL is checked by the driver's
 * own parser before anything is opened, and each problem names its place.
 */
import type { TransmitterConfig } from '@crowdcue/protocol';
import { parseTransmitterUrl, TransmitterUrlError } from '../transmitter/transmitter-url';

export interface ConfigProblem {
  /** e.g. `transmitters[1].url` */
  path: string;
  message: string;
}

/** `--transmitter URL ...` as a show's list: ids from the URL's `id=`, `virtual`, else tx1, tx2... */
export function configsFromUrls(urls: readonly string[]): { ok: true; configs: TransmitterConfig[] } | { ok: false; problems: ConfigProblem[] } {
  const configs: TransmitterConfig[] = urls.map((url, i) => {
    let id = `tx${i + 1}`;
    try {
      const a = parseTransmitterUrl(url);
      id = a.id ?? (a.link.kind === 'virtual' && a.driver === 'ccl' && !urls.slice(0, i).includes(url) ? 'virtual' : id);
    } catch {
      // reported below
    }
    return { id, url, coverage: 'ALL' };
  });
  const problems = checkConfigs(configs, 'transmitters');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, configs };
}

/** Bad URLs and repeated ids, by path; empty when the list may be opened. */
export function checkConfigs(configs: readonly TransmitterConfig[], path = 'transmitters'): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (configs.length === 0) problems.push({ path, message: 'at least one transmitter is needed' });
  const seen = new Map<string, number>();
  configs.forEach((c, i) => {
    let id = c.id;
    try {
      id = parseTransmitterUrl(c.url).id ?? c.id;
    } catch (err) {
      problems.push({ path: `${path}[${i}].url`, message: err instanceof TransmitterUrlError ? err.message : String(err) });
    }
    if (seen.has(id)) problems.push({ path: `${path}[${i}].id`, message: `'${id}' is already used by ${path}[${seen.get(id)}]` });
    else seen.set(id, i);
  });
  return problems;
}
