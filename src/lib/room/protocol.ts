/**
 * The room's wire protocol: every message between the room server, the facilitator's control and the
 * phones, as zod/mini schemas shared by both ends. The server parses every incoming message with these and
 * drops what does not fit; the clients parse what the server sends the same way.
 *
 * Events (client → server, each answered through Socket.IO's acknowledgement):
 * - `phone.join` {@link JoinRequest} → {@link JoinReply}
 * - `phone.vote` {@link VoteRequest} → {@link Reply}
 * - `host.claim` {@link HostRequest} → {@link HostReply}: take control of a room with its secret; with
 *   `restore`, a server that no longer knows the room (it restarted) makes it again with that code and secret.
 * - `host.publish` {@link RoundView} or null → {@link HostReply}: what the phones see now; the reply carries the tally.
 * Events (server → client): `round` (a {@link RoundView} or null, to the room's phones), `tally` ({@link Tally}, to its hosts).
 */
import * as z from 'zod/mini';

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** Room codes have 8 characters: 31⁸ ≈ 8.5 × 10¹¹ codes, against at most a few failed joins per minute per address. */
export const CODE_LENGTH = 8;
/** Largest message a phone may send, in bytes of JSON; larger ones are dropped and counted. */
export const MAX_PHONE_MESSAGE = 1_024;
/** Largest message a facilitator may send (a scene's text and options), in bytes of JSON. */
export const MAX_HOST_MESSAGE = 32_768;
/** Most options a round can offer. */
export const MAX_OPTIONS = 20;

const side = z.enum(['employer', 'candidate']);
export type TeamSide = z.infer<typeof side>;

export const codeSchema = z.string().check(z.length(CODE_LENGTH), z.regex(new RegExp(`^[${CODE_ALPHABET}]+$`)));
/** A phone's own id, made by the phone and kept in its storage, so a reload or reconnect is the same participant. */
export const participantSchema = z.string().check(z.regex(/^[a-zA-Z0-9_-]{16,64}$/));
const pseudonym = z.string().check(z.trim(), z.minLength(1), z.maxLength(30));

export const joinRequestSchema = z.object({ code: codeSchema, participant: participantSchema, name: pseudonym, team: z.optional(side) });
export type JoinRequest = z.infer<typeof joinRequestSchema>;

export const voteRequestSchema = z.object({ round: z.string().check(z.maxLength(120)), option: z.string().check(z.maxLength(120)) });
export type VoteRequest = z.infer<typeof voteRequestSchema>;

export const hostRequestSchema = z.object({
  code: codeSchema,
  secret: z.string().check(z.regex(/^[a-zA-Z0-9_-]{32,128}$/)),
  restore: z.optional(z.boolean()),
});
export type HostRequest = z.infer<typeof hostRequestSchema>;

export const optionSchema = z.object({ id: z.string().check(z.maxLength(120)), label: z.string().check(z.maxLength(600)) });

/** What the phones see of the session now: one round is one decision of the room. */
export const roundViewSchema = z.object({
  /** Identifies the decision: the session id and the decision's step number. Votes belong to one round. */
  key: z.string().check(z.minLength(1), z.maxLength(120)),
  title: z.string().check(z.maxLength(200)),
  /** Who speaks, e.g. "Dana, hiring manager". */
  speaker: z.string().check(z.maxLength(200)),
  /** The scene's paragraphs. */
  text: z.array(z.string().check(z.maxLength(4_000))).check(z.maxLength(20)),
  /** The options in the session's display order. */
  options: z.array(optionSchema).check(z.maxLength(MAX_OPTIONS)),
  /** Whether votes are taken now. */
  open: z.boolean(),
  /** In teams mode, the team that decides this round (only its members vote); null otherwise. */
  team: z.nullable(side),
  /** The teams' names when the session plays in teams (phones then pick one), else null. */
  teams: z.nullable(z.object({ employer: z.string().check(z.maxLength(40)), candidate: z.string().check(z.maxLength(40)) })),
  /** The option the room chose, once revealed. */
  chosen: z.nullable(z.string().check(z.maxLength(120))),
});
export type RoundView = z.infer<typeof roundViewSchema>;
export const publishSchema = z.nullable(roundViewSchema);

/** Votes of the current round as the server counted them. */
export const tallySchema = z.object({
  round: z.nullable(z.string()),
  /** Votes per option id. */
  counts: z.record(z.string(), z.int().check(z.nonnegative())),
  /** Participants who voted in this round. */
  voted: z.int().check(z.nonnegative()),
  /** Participants who joined the room. */
  joined: z.int().check(z.nonnegative()),
});
export type Tally = z.infer<typeof tallySchema>;

/** Why the server refused a message, in a word the clients turn into a sentence. */
export type Refusal =
  | 'malformed'
  | 'oversized'
  | 'flooding'
  | 'unknown-room'
  | 'too-many-attempts'
  | 'not-joined'
  | 'refused'
  | 'no-round'
  | 'closed'
  | 'stale-round'
  | 'unknown-option'
  | 'other-team'
  | 'pick-a-team'
  | 'busy';

export type Reply = { ok: true } | { ok: false; error: Refusal };
/** A refused join says the teams' names when it needs a team. */
export type JoinReply = { ok: true; round: RoundView | null; vote: string | null } | { ok: false; error: Refusal; teams?: RoundView['teams'] };
export type HostReply = { ok: true; tally: Tally } | { ok: false; error: Refusal };

/** A refusal in words for the phone's screen. */
export function refusalText(error: Refusal): string {
  switch (error) {
    case 'unknown-room':
      return 'There is no room with this code. Check the code on the screen.';
    case 'too-many-attempts':
      return 'Too many wrong codes from this network. Wait a minute and try again.';
    case 'closed':
      return 'The vote has closed.';
    case 'stale-round':
    case 'no-round':
      return 'This vote is over; the screen has moved on.';
    case 'other-team':
      return 'The other team decides this one.';
    case 'pick-a-team':
      return 'Pick your team first.';
    case 'flooding':
      return 'Too many messages at once. Wait a moment.';
    default:
      return 'The room could not take that. Try again.';
  }
}

/** Byte length of a message as JSON (what the size limits measure). */
export function messageSize(message: unknown): number {
  try {
    const json = JSON.stringify(message);
    return json === undefined ? 0 : new TextEncoder().encode(json).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
