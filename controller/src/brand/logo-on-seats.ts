/**
 * The whole way from an uploaded logo and its placement to packets and their
 * cost: rasterise, reduce to a palette, encode as PALETTE + IMAGE, price it.
 * The preview route, the scheduler and the runtime all start here.
 */
import type { ImageCost, LogoPlacement } from '@crowdcue/protocol';
import { encodeSeatImage, type EncodedSeatImage } from './encode-seat-image';
import { imageCost, type RadioSpec } from './image-cost';
import { planRepeats, type RepeatTarget } from './preload-repeats';
import { rasteriseLogo, type RasteriseOptions, type SeatColours } from './rasterise-logo';
import { reducePalette, type SeatImage } from './reduce-palette';
import type { SeatMap } from './seat-map';

export interface LogoOnSeats {
  colours: SeatColours;
  image: SeatImage;
  encoded: EncodedSeatImage;
  cost: ImageCost;
}

export interface LogoOnSeatsOptions extends RasteriseOptions {
  /** Image slot 0..7; default 0. */
  slot?: number;
  venueZones: readonly number[];
  radios: readonly RadioSpec[];
  repeats?: RepeatTarget;
}

/** Radio figures used for costs until a transmitter has told its own (the virtual transmitter's). */
export const DEFAULT_RADIO = { bitrate: 38_400, overhead: 13 } as const;

export async function logoOnSeats(logo: Uint8Array, placement: LogoPlacement, map: SeatMap, opts: LogoOnSeatsOptions): Promise<LogoOnSeats> {
  const colours = await rasteriseLogo(logo, placement, map, opts);
  const image = await reducePalette(colours);
  const encoded = encodeSeatImage(image, map, {
    slot: opts.slot ?? 0,
    venueZones: opts.venueZones,
    // Seat blocks can lie outside the named zones: then the reveal targets the covered pixel span.
    wholeZones: !placement.seats || placement.seats.length === 0,
  });
  const cost = imageCost(encoded, image.coveredCount, opts.radios, planRepeats(opts.repeats));
  return { colours, image, encoded, cost };
}
