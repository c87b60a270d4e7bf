/**
 * The status strip's figures from the live streams: what an operator checks
 * at a glance (is every transmitter up, is airtime short, are cues late, are
 * bands refusing packets), each with whether it needs attention.
 */
import type { AirtimeReport, LatenessReport, TransmitterHealthInfo } from '@crowdcue/protocol';

export interface StripFigure {
  value: string;
  warn: boolean;
}

export interface StripFigures {
  transmitters: StripFigure;
  lateness: StripFigure;
  airtime: StripFigure;
  nacks: StripFigure;
}

/** Past these the strip marks a figure: p99 lateness, airtime share of the busiest transmitter. */
export const LATE_P99_WARN_MS = 5;
export const AIRTIME_WARN_PCT = 80;

export function stripFigures(health: readonly TransmitterHealthInfo[], lateness: LatenessReport | null, airtime: AirtimeReport | null): StripFigures {
  const up = health.filter((t) => t.state === 'up').length;
  const busiest = Math.max(0, ...health.map((t) => t.airtimePct), ...(airtime?.transmitters.map((t) => t.pct) ?? []));
  const nacks = health.reduce((sum, t) => sum + Object.values(t.nacks).reduce<number>((s, n) => s + (n ?? 0), 0), 0);
  const lateCues = airtime?.late.length ?? 0;
  return {
    transmitters: { value: health.length === 0 ? '—' : `${up}/${health.length} up`, warn: health.length > 0 && up < health.length },
    lateness: lateness
      ? { value: `p99 ${lateness.p99Ms < 10 ? lateness.p99Ms.toFixed(1) : lateness.p99Ms.toFixed(0)} ms${lateCues ? ` · ${lateCues} late` : ''}`, warn: lateness.p99Ms > LATE_P99_WARN_MS || lateCues > 0 }
      : { value: '—', warn: false },
    airtime: health.length === 0 && !airtime ? { value: '—', warn: false } : { value: `${busiest.toFixed(0)}%`, warn: busiest >= AIRTIME_WARN_PCT },
    nacks: { value: String(nacks), warn: nacks > 0 },
  };
}
