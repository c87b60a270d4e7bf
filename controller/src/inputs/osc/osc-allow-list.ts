/**
 * The source addresses an OSC input takes packets from: addresses and CIDR
 * blocks of the show's `inputs.osc.allow`, held in node's own BlockList.
 * An IPv4 client seen on a dual-stack socket (`::ffff:10.0.0.7`) is checked
 * as the IPv4 address it is.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

export class AllowList {
  private readonly list = new BlockList();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address, prefix] = entry.split('/');
      const family = isIPv4(address) ? 'ipv4' : 'ipv6';
      if (prefix === undefined) this.list.addAddress(address, family);
      else this.list.addSubnet(address, Number(prefix), family);
    }
  }

  allows(address: string): boolean {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return this.list.check(mapped[1], 'ipv4');
    if (isIPv4(address)) return this.list.check(address, 'ipv4');
    return isIPv6(address) && this.list.check(address, 'ipv6');
  }
}
