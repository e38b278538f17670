/**
 * UUIDs for xAPI statement ids (RFC 4122): random ones (version 4) for statements made as a learner plays,
 * and name-based ones (version 5, SHA-1) where the same thing exported twice must keep the same id
 * (the facilitator's export). Pure: no DOM; randomness comes from Web Crypto, present in browsers and Node.
 */

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Format 16 bytes as a UUID, setting its version and the RFC 4122 variant. */
function format(bytes: Uint8Array, version: number): string {
  bytes[6] = (bytes[6]! & 0x0f) | (version << 4);
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = hex(bytes.subarray(0, 16));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A random (version 4) UUID. `crypto.randomUUID` exists only on secure pages, so the bytes come from `getRandomValues`. */
export function randomUuid(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => globalThis.crypto.getRandomValues(b)): string {
  return format(random(new Uint8Array(16)), 4);
}

/** Any RFC 4122 UUID (versions 1–5), lower or upper case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The URL namespace of RFC 4122, appendix C. */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A name-based (version 5) UUID: the same name in the same namespace always gives the same id. */
export function nameUuid(name: string, namespace = URL_NAMESPACE): string {
  const ns = Uint8Array.from(
    namespace
      .replace(/-/g, '')
      .match(/../g)!
      .map((h) => parseInt(h, 16)),
  );
  const text = new TextEncoder().encode(name);
  const data = new Uint8Array(ns.length + text.length);
  data.set(ns);
  data.set(text, ns.length);
  return format(sha1(data), 5);
}

/** SHA-1 of some bytes (20 bytes). Used only to make name-based UUIDs, as RFC 4122 asks; not for security. */
export function sha1(message: Uint8Array): Uint8Array {
  const length = message.length;
  const words = new Uint32Array((((length + 8) >> 6) + 1) * 16);
  for (let i = 0; i < length; i++) words[i >> 2]! |= message[i]! << (24 - (i % 4) * 8);
  words[length >> 2]! |= 0x80 << (24 - (length % 4) * 8);
  words[words.length - 1] = length * 8;
  words[words.length - 2] = Math.floor((length * 8) / 2 ** 32);
  let [a, b, c, d, e] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < 80; t++) w[t] = t < 16 ? words[block + t]! : rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
    let [A, B, C, D, E] = [a, b, c, d, e];
    for (let t = 0; t < 80; t++) {
      const f = t < 20 ? (B & C) | (~B & D) : t < 40 ? B ^ C ^ D : t < 60 ? (B & C) | (B & D) | (C & D) : B ^ C ^ D;
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const temp = (rotl(A, 5) + f + E + k + w[t]!) >>> 0;
      [E, D, C, B, A] = [D, C, rotl(B, 30) >>> 0, A, temp];
    }
    [a, b, c, d, e] = [(a + A) >>> 0, (b + B) >>> 0, (c + C) >>> 0, (d + D) >>> 0, (e + E) >>> 0];
  }
  const out = new Uint8Array(20);
  new DataView(out.buffer).setUint32(0, a);
  new DataView(out.buffer).setUint32(4, b);
  new DataView(out.buffer).setUint32(8, c);
  new DataView(out.buffer).setUint32(12, d);
  new DataView(out.buffer).setUint32(16, e);
  return out;
}
