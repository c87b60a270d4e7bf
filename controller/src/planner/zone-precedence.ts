/**
 * What the planner asks the zone mixer: which contribution a zone shows at a
 * time. A parade or brand layer is named by its owner key; the planner puts a
 * layer's packets only on the zones it wins.
 */
export interface ZonePrecedence {
  shows(zone: number, atMs: number): string | null;
}
