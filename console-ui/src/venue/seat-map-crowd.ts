/**
 * The seat map as the crowd renderer sees it: each seat painted in its zone's
 * colour, selected seats bright, the rest dimmed while a selection exists.
 * Static (time is ignored); the page redraws after each change.
 */
import { bandPositions, type VenueMap } from '@crowdcue/simulator';
import type { CrowdLike } from '@crowdcue/simulator/renderer';
import { zoneColour } from './zone-colours';

export class SeatMapCrowd implements CrowdLike {
  readonly count: number;
  readonly x: Uint8Array;
  readonly y: Uint8Array;
  readonly zone: Uint8Array;
  readonly pixel: Uint16Array;
  readonly fx: Float32Array;
  readonly fy: Float32Array;
  selected: Uint8Array;
  /** Zone to emphasise (the palette's pick), or -1. */
  highlightZone = -1;
  private readonly palette: Uint8Array;

  constructor(readonly venue: VenueMap) {
    const n = venue.seats.length;
    this.count = n;
    const { x, y } = bandPositions(venue);
    this.x = x;
    this.y = y;
    this.zone = new Uint8Array(n);
    this.pixel = new Uint16Array(n);
    this.fx = new Float32Array(n);
    this.fy = new Float32Array(n);
    venue.seats.forEach((s, i) => {
      this.zone[i] = s.zone;
      this.pixel[i] = s.pixel;
      this.fx[i] = s.x;
      this.fy[i] = s.y;
    });
    this.selected = new Uint8Array(n);
    this.palette = new Uint8Array(64 * 3);
    for (let z = 0; z < 64; z++) this.palette.set(zoneColour(z), z * 3);
  }

  colorsAt(_atMs: number, out: Uint8Array): void {
    let any = false;
    for (let i = 0; i < this.count; i++) if (this.selected[i]) { any = true; break; }
    for (let i = 0; i < this.count; i++) {
      const z = this.zone[i] * 3;
      const o = i * 4;
      let r = this.palette[z];
      let g = this.palette[z + 1];
      let b = this.palette[z + 2];
      if (this.selected[i]) {
        // Selected: towards white, so the selection reads on any zone colour.
        r = (r + 255 * 2) / 3;
        g = (g + 255 * 2) / 3;
        b = (b + 255 * 2) / 3;
      } else if (any || (this.highlightZone >= 0 && this.zone[i] !== this.highlightZone)) {
        r *= 0.35;
        g *= 0.35;
        b *= 0.35;
      }
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = 255;
    }
  }
}
