/**
 * A tiny seeded pseudo-random generator (mulberry32) and helpers. The emulator uses it for everything that must be
 * reproducible from a seed (the fleet, device status reports, the error-rate fault); Math.random is never used for
 * emulated data.
 */

/** A function returning the next pseudo-random number in [0, 1). */
export type Random = () => number;

/** mulberry32: a fast 32-bit PRNG; the same seed always yields the same sequence. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string, used to derive per-device seeds from an IMEI. */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** An integer in [min, max] (inclusive) drawn from `rng`. */
export function randomInt(rng: Random, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** One element of a non-empty list drawn from `rng`. */
export function pick<T>(rng: Random, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** `count` decimal digits drawn from `rng`, as a string (leading zeros kept). */
export function randomDigits(rng: Random, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += String(Math.floor(rng() * 10));
  return out;
}

/** `count` lowercase hex characters drawn from `rng`. */
export function randomHex(rng: Random, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += Math.floor(rng() * 16).toString(16);
  return out;
}
