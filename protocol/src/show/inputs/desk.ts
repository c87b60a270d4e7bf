/**
 * Lighting-desk input in a show file: which protocol and universe the desk
 * sends on, where the crowd is patched, how many zones it drives, and how long
 * the last look holds when the desk's signal is lost.
 */
import { z } from 'zod';
import { deskFootprint, deskMaxZones } from './desk-personality';

/** sACN universes 1..63999 (E1.31); Art-Net port-addresses 0..32767. */
export const SACN_UNIVERSE_MAX = 63_999;
export const ARTNET_UNIVERSE_MAX = 32_767;

export const DeskInputSchema = z
  .strictObject({
    protocol: z.enum(['sacn', 'artnet']),
    universe: z.number().int().min(0).max(SACN_UNIVERSE_MAX),
    /** Start address of the patch, 1..512. */
    address: z.number().int().min(1).max(512),
    /** Zones the patch drives: desk zone n is venue zone n - 1. Default 16. */
    zones: z.number().int().min(1).max(64).default(16),
    /** After the desk's signal is lost, its last look holds this long, then the sources below show. Default 5 s. */
    holdMs: z.number().int().min(0).max(600_000).default(5000),
    /** Local IPv4 address to listen on (and join multicast on); default every interface. */
    interface: z.ipv4().optional(),
    /** UDP port; default 5568 (sACN) or 6454 (Art-Net). */
    port: z.number().int().min(1).max(65_535).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.protocol === 'sacn' && d.universe < 1) ctx.addIssue({ code: 'custom', path: ['universe'], message: `sACN universes are 1..${SACN_UNIVERSE_MAX}` });
    if (d.protocol === 'artnet' && d.universe > ARTNET_UNIVERSE_MAX) ctx.addIssue({ code: 'custom', path: ['universe'], message: `Art-Net universes are 0..${ARTNET_UNIVERSE_MAX}` });
    const most = deskMaxZones(d.address);
    if (d.zones > most) {
      ctx.addIssue({
        code: 'custom',
        path: ['zones'],
        message: `${d.zones} zones take ${deskFootprint(d.zones)} channels: from address ${d.address} one universe holds at most ${most} zones`,
      });
    }
  });

export type DeskInput = z.output<typeof DeskInputSchema>;
export type DeskInputConfig = z.input<typeof DeskInputSchema>;
