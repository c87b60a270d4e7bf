/**
 * The OSC input of a show: the UDP port show-callers (QLab, Companion,
 * TouchOSC) send to, the source addresses allowed to send, and state feedback
 * to the clients that subscribe. Packets from an address not on the allow-list
 * are dropped and counted; an empty list allows nobody.
 */
import { z } from 'zod';

/** An IPv4 or IPv6 address, or a CIDR block of them (`192.168.1.0/24`). */
const ADDRESS_FORMS = [z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()];
export const OscAllowEntrySchema = z
  .string()
  .max(64)
  .refine((s) => ADDRESS_FORMS.some((form) => form.safeParse(s).success), {
    message: 'must be an IPv4 or IPv6 address, or a CIDR block such as 192.168.1.0/24',
  });

export const OSC_DEFAULT_PORT = 8000;
/** At most this many clients get state feedback at once (each one costs a UDP send per change). */
export const OSC_MAX_SUBSCRIBERS = 64;

export const OscFeedbackSchema = z.strictObject({
  /** Push state (current and next cue, master, blackout, timecode) to clients that send /crowdcue/subscribe. */
  enabled: z.boolean().default(true),
  /** Subscribers beyond this replace the one that renewed longest ago. */
  maxSubscribers: z.number().int().min(1).max(OSC_MAX_SUBSCRIBERS).default(16),
});

export const OscInputSchema = z.strictObject({
  /** Off keeps the settings but closes the port. */
  enabled: z.boolean().default(true),
  /** UDP port the controller listens on; 1024..65535 (no root needed). */
  port: z.number().int().min(1024).max(65535).default(OSC_DEFAULT_PORT),
  /** Source addresses allowed to send (address or CIDR); everything else is dropped and counted. */
  allow: z.array(OscAllowEntrySchema).max(64).default(['127.0.0.1']),
  feedback: OscFeedbackSchema.default({ enabled: true, maxSubscribers: 16 }),
});

export type OscInput = z.output<typeof OscInputSchema>;
export type OscInputFile = z.input<typeof OscInputSchema>;
