/**
 * The fencing extension of CCL (PROTOCOL.md 1.8), the device's side: which
 * controller may drive the transmitter. A HELLO may carry the controller's id
 * and epoch; the device remembers the holder (the highest epoch it accepted
 * since power-up) and refuses an older epoch, or the same epoch from another
 * controller, with NACK FENCED. Once a holder exists, SEND and FLUSH are taken
 * only from the link whose last HELLO the holder made. A device that never
 * saw a fenced HELLO behaves exactly as plain CCL.
 *
 * Pure, so the simulator's virtual transmitter, firmware written from the
 * spec and the conformance vectors share one rule.
 */

/** A controller's claim, as HELLO carries it. */
export interface FenceClaim {
  controllerId: number;
  epoch: number;
}

/** What one link said in its last accepted HELLO (null: no fenced HELLO on this link). */
export type LinkFence = FenceClaim | null;

export class DeviceFence {
  private holderClaim: FenceClaim | null = null;

  /** The controller holding the device, if any fenced HELLO was accepted. */
  get holder(): FenceClaim | null {
    return this.holderClaim;
  }

  /**
   * A HELLO on a link: answers the link's new fence state when the device
   * should answer INFO, or `fenced` for NACK FENCED (the link then holds nothing).
   */
  hello(claim: FenceClaim | null): { ok: true; link: LinkFence } | { ok: false; link: null } {
    const h = this.holderClaim;
    if (claim === null) return h === null ? { ok: true, link: null } : { ok: false, link: null };
    if (h === null || claim.epoch > h.epoch || (claim.epoch === h.epoch && claim.controllerId === h.controllerId)) {
      this.holderClaim = { controllerId: claim.controllerId, epoch: claim.epoch };
      return { ok: true, link: this.holderClaim };
    }
    return { ok: false, link: null };
  }

  /** Whether a SEND or FLUSH from a link with this fence state is carried out. */
  mayCommand(link: LinkFence): boolean {
    const h = this.holderClaim;
    if (h === null) return true;
    return link !== null && link.epoch === h.epoch && link.controllerId === h.controllerId;
  }
}

/** The claim a HELLO message carries, or null for a plain HELLO. */
export function helloClaim(message: { controllerId?: number; epoch?: number }): FenceClaim | null {
  return message.controllerId === undefined || message.epoch === undefined ? null : { controllerId: message.controllerId, epoch: message.epoch };
}
