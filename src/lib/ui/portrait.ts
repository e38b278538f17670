/**
 * A small portrait for a cast member, drawn from the cast entry alone (same entry, same picture): a face
 * with a skin tone, face shape and hair chosen from a hash of the name, or the person's initials. Pure
 * data for `Portrait.svelte` to draw; nothing is fetched. Simple shapes only: no expressions, no
 * features that could read as caricature.
 */
import type { CastMember } from '../engine/schema.ts';

/** Skin tones from 1 (lightest) to 6 (deepest), as in the format's `portrait.tone`. */
const SKIN = ['#f6d7c3', '#e8b996', '#d19a6e', '#a96f47', '#7b4b2e', '#4e2f1d'];
/** Backgrounds for initials, 1 to 6, each dark enough for white text (contrast at least 4.5:1). */
const BACKDROP = ['#2f5d8a', '#2e6b4f', '#7a4a86', '#8a4b2f', '#4b5563', '#1f4e5f'];
const HAIR = ['#1c1a17', '#3b2a1e', '#6a4a2f', '#a8763e', '#8c8c8c', '#d9c9a3'];

/** What `Portrait.svelte` draws. */
export type PortraitView =
  | { style: 'initials'; initials: string; backdrop: string }
  | {
      style: 'face';
      skin: string;
      hair: string;
      /** 0 round, 1 oval, 2 square-ish */ shape: 0 | 1 | 2;
      /** 0 short, 1 long, 2 none, 3 tied up */ cut: 0 | 1 | 2 | 3;
    };

/** FNV-1a: a small, stable hash of the name. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** "Priya Shah" → "PS"; one name → its first letter. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words.slice(0, 1);
  return letters.map((w) => Array.from(w)[0]!.toUpperCase()).join('');
}

/** The portrait of a cast member: the author's style and tone where given, else from the name's hash. */
export function portraitOf(member: Pick<CastMember, 'name' | 'portrait'>): PortraitView {
  const h = hash(member.name);
  const tone = (member.portrait?.tone ?? (h % 6) + 1) - 1;
  if (member.portrait?.style === 'initials') return { style: 'initials', initials: initialsOf(member.name), backdrop: BACKDROP[tone]! };
  return {
    style: 'face',
    skin: SKIN[tone]!,
    hair: HAIR[(h >>> 3) % HAIR.length]!,
    shape: ((h >>> 6) % 3) as 0 | 1 | 2,
    cut: ((h >>> 8) % 4) as 0 | 1 | 2 | 3,
  };
}
