/**
 * Redis Cluster key slots, per the cluster specification: CRC16 (XMODEM: polynomial 0x1021,
 * initial value 0) of the key, or of its hash tag (the text between the first '{' and the next
 * '}', when not empty), modulo 16384.
 */

const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    t[i] = crc;
  }
  return t;
})();

export function crc16(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff]!;
  return crc;
}

/** The part of a key that is hashed: its hash tag if it has a non-empty one, else all of it. */
export function hashedPart(key: Uint8Array): Uint8Array {
  const open = key.indexOf(0x7b); // {
  if (open === -1) return key;
  const close = key.indexOf(0x7d, open + 1); // }
  if (close === -1 || close === open + 1) return key;
  return key.subarray(open + 1, close);
}

export function keySlot(key: string | Uint8Array): number {
  return crc16(hashedPart(typeof key === 'string' ? Buffer.from(key, 'utf8') : key)) % 16384;
}
