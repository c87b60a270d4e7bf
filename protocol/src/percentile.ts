/**
 * The one percentile rule every report uses (engine lateness, renderer frame
 * times), so figures from different parts of the system compare like for like.
 */

/** Nearest-rank percentile (q in 0..1) of an ascending array; 0 for an empty one. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}
