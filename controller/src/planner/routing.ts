/** A packet goes to every transmitter whose coverage meets the zones it targets. */
export type Coverage = number[] | 'ALL';

export function reaches(coverage: Coverage, zones: Coverage): boolean {
  if (coverage === 'ALL' || zones === 'ALL') return true;
  const covered = new Set(coverage);
  return zones.some((z) => covered.has(z));
}
