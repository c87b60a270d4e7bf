/**
 * The crowd view of a preview: the show's crowd fed with the preview's PALETTE
 * and IMAGE packets and one SHOW_IMAGE, decoded by the simulator's own band
 * model, so the page shows the logo as the bands would show it.
 */
import { START_ON_RECEIPT, encodeCcb, fromHex, type CcbTarget, type Venue } from '@crowdcue/protocol';
import { venueFromShow } from '@crowdcue/simulator';
import { crowdFor, type ShowCrowd } from '../crowd/show-crowd';
import type { LogoPreview } from './brand-client';

/** Crowd time the preview is drawn at (after every packet landed). */
export const PREVIEW_AT_MS = 1000;

export function previewCrowd(venue: Venue, preview: LogoPreview): ShowCrowd {
  const site = preview.packets.site;
  const shown = crowdFor(venueFromShow(venue), site);
  let seq = 0;
  const land = (bytes: Uint8Array, atMs: number) => {
    const b = bytes.slice();
    seq = (seq % 255) + 1;
    b[1] = seq; // the preview's packets carry a placeholder seq
    shown.crowd.receive(b, atMs);
  };
  land(fromHex(preview.packets.palette), 1);
  for (const hex of preview.packets.images) land(fromHex(hex), 2);
  const { target, image } = preview.packets.showImage;
  land(encodeCcb({ site, seq: 1, target: target as CcbTarget, cmd: 'SHOW_IMAGE', image, fadeMs: 0, startMs: START_ON_RECEIPT }), 3);
  return shown;
}
