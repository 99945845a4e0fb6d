import { z } from 'zod';
import {
  asterIdentifiersSchema,
  backpackIdentifiersSchema,
  lighterIdentifiersSchema,
  paradexIdentifiersSchema,
  requiredIdentifiersLive,
  venueSchema,
  type Venue,
} from './venues';
import { SHARED_VENUES } from '../venues';

/** `paper`: served by the built-in simulator of the venue; `live`: the real venue with real money. */
export const accountModeSchema = z.enum(['paper', 'live']);
export type AccountMode = z.infer<typeof accountModeSchema>;

/** Account id: `acc_` plus 12 lowercase base-32 characters, made by the store. */
export const accountIdSchema = z.string().regex(/^acc_[a-z0-9]{12}$/, 'must be an account id like acc_0123456789ab');

/**
 * What a label may not contain: control characters (an ANSI escape such as
 * `ESC[2J` would clear the terminal it is printed on), bidirectional
 * overrides, and U+FFFD, the replacement character invalid UTF-8 decodes to.
 */
const LABEL_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd]/;

/** Why a label with a {@link LABEL_FORBIDDEN} character is refused. */
export const LABEL_FORBIDDEN_MESSAGE = 'must not contain control characters, escape sequences or invalid UTF-8';

/** Whether a label is free of control characters, bidi overrides and U+FFFD. */
export function isPrintableLabel(label: string): boolean {
  return !LABEL_FORBIDDEN.test(label);
}

/** A user-chosen display name, unique across accounts (trimmed, 1–64 printable characters). */
export const accountLabelSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .refine(isPrintableLabel, LABEL_FORBIDDEN_MESSAGE);

/** The identifier schema of each venue (non-secret fields, stored in SQLite), from its `src/shared/venues/<venue>.ts`. */
export const identifierSchemas: Record<Venue, z.ZodType<Record<string, unknown>>> = Object.fromEntries(SHARED_VENUES.map((v) => [v.id, v.identifiersSchema])) as Record<Venue, z.ZodType<Record<string, unknown>>>;

/**
 * For a live account whose identifiers satisfy none of its venue's
 * alternatives in {@link requiredIdentifiersLive}: the missing field and why;
 * for a live account naming a simulator (`simUrl`): that field. Null when the
 * identifiers suffice (always for paper accounts).
 */
export function liveIdentifierProblem(
  venue: Venue,
  mode: AccountMode,
  identifiers: Record<string, unknown>,
): { field: string; message: string } | null {
  if (mode !== 'live') return null;
  if (identifiers.simUrl !== undefined) return { field: 'simUrl', message: 'a simulator URL is for paper accounts only (a live account trades on the real venue)' };
  const groups = requiredIdentifiersLive[venue];
  if (groups.length === 0 || groups.some((g) => g.every((k) => identifiers[k] !== undefined))) return null;
  const first = groups[0] ?? [];
  return {
    field: first.find((k) => identifiers[k] === undefined) ?? first[0] ?? 'identifiers',
    message: `a live ${venue} account needs ${groups.map((g) => g.join(' + ')).join(' or ')}`,
  };
}

const createFields = { label: accountLabelSchema, mode: accountModeSchema };

/** Request to create an account: venue, label, mode and the venue's identifiers. */
export const accountCreateSchema = z
  .discriminatedUnion('venue', [
    z.object({ venue: z.literal('lighter'), ...createFields, identifiers: lighterIdentifiersSchema.default({}) }).strict(),
    z.object({ venue: z.literal('paradex'), ...createFields, identifiers: paradexIdentifiersSchema.default({}) }).strict(),
    z.object({ venue: z.literal('backpack'), ...createFields, identifiers: backpackIdentifiersSchema.default({}) }).strict(),
    z.object({ venue: z.literal('aster'), ...createFields, identifiers: asterIdentifiersSchema.default({}) }).strict(),
  ])
  .superRefine((a, ctx) => {
    const problem = liveIdentifierProblem(a.venue, a.mode, a.identifiers);
    if (problem) ctx.addIssue({ code: 'custom', path: ['identifiers', problem.field], message: problem.message });
  });
export type AccountCreate = z.infer<typeof accountCreateSchema>;

/**
 * Changes to an account. The venue cannot change (secrets belong to it).
 * `identifiers`, when given, replaces the whole set and is checked against the
 * account's venue by the handler.
 */
export const accountPatchSchema = z
  .object({
    label: accountLabelSchema.optional(),
    mode: accountModeSchema.optional(),
    identifiers: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type AccountPatch = z.infer<typeof accountPatchSchema>;

/** An account as stored and shown. Times are Unix ms. */
export const accountSchema = z.object({
  id: accountIdSchema,
  venue: venueSchema,
  label: z.string(),
  mode: accountModeSchema,
  identifiers: z.record(z.string(), z.union([z.string(), z.number()])),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Account = z.infer<typeof accountSchema>;
