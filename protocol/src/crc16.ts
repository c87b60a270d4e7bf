/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, xorout 0).
 * Check value: the CRC of ASCII "123456789" is 0x29B1.
 */
const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    table[n] = c;
  }
  return table;
})();

export const CRC16_INIT = 0xffff;

/** CRC over `data`; pass a previous result as `crc` to continue over several pieces. */
export function crc16(data: Uint8Array, crc: number = CRC16_INIT): number {
  let c = crc & 0xffff;
  for (let i = 0; i < data.length; i++) c = ((c << 8) & 0xffff) ^ TABLE[(c >> 8) ^ data[i]];
  return c;
}
