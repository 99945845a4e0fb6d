import type { RequestOf } from '../../../../shared/contract';
import type { Account, AccountMode, AccountPatch } from '../../../../shared/schemas/account';
import { DEFAULT_SELF_TRADE, SELF_TRADE_KEYS, selfTradeOf, type SelfTradeSettings } from '../../../../shared/schemas/self-trade';
import { isDiscouragedKeyIndex, VENUE_FIELDS, VENUE_SELF_TRADE, type IdentifierField, type Venue } from '../../../../shared/schemas/venues';

/** An identifier as edited: integers as numbers (null when empty), everything else as text. */
export type IdentifierDraft = string | number | null;

/** What the account form edits. */
export interface AccountFormModel {
  venue: Venue;
  label: string;
  mode: AccountMode;
  /** By identifier key of the venue. */
  identifiers: Record<string, IdentifierDraft>;
  /** Self-trade prevention (stored with the identifiers of venues that have it, VENUE_SELF_TRADE; ignored for others). */
  selfTrade: SelfTradeSettings;
}

function emptyDraft(field: IdentifierField): IdentifierDraft {
  return field.kind === 'integer' ? null : '';
}

function draftOf(field: IdentifierField, value: string | number | undefined): IdentifierDraft {
  if (value === undefined) return emptyDraft(field);
  if (field.kind !== 'integer') return String(value);
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Empty drafts for every identifier of `venue`. */
export function emptyIdentifiers(venue: Venue): Record<string, IdentifierDraft> {
  return Object.fromEntries(VENUE_FIELDS[venue].identifiers.map((f) => [f.key, emptyDraft(f)]));
}

/** A blank form for a new account on `venue` (paper mode). */
export function newAccountForm(venue: Venue): AccountFormModel {
  return { venue, label: '', mode: 'paper', identifiers: emptyIdentifiers(venue), selfTrade: { ...DEFAULT_SELF_TRADE } };
}

/** The form for editing an existing account. */
export function accountForm(account: Account): AccountFormModel {
  const identifiers = Object.fromEntries(
    VENUE_FIELDS[account.venue].identifiers.map((f) => [f.key, draftOf(f, account.identifiers[f.key])]),
  );
  return { venue: account.venue, label: account.label, mode: account.mode, identifiers, selfTrade: selfTradeOf(account.identifiers) };
}

/**
 * The identifiers to send for the whole form: the venue's identifier fields
 * ({@link identifiersToSend}) plus, for a venue with self-trade prevention, the settings that differ
 * from the defaults (absent = default, so going back to a default clears it).
 */
export function formIdentifiers(model: AccountFormModel): Record<string, string | number> {
  const out = identifiersToSend(model.venue, model.identifiers);
  if (!VENUE_SELF_TRADE[model.venue]) return out;
  if (model.selfTrade.behavior !== DEFAULT_SELF_TRADE.behavior) out[SELF_TRADE_KEYS.behavior] = model.selfTrade.behavior;
  if (model.selfTrade.equality !== DEFAULT_SELF_TRADE.equality) out[SELF_TRADE_KEYS.equality] = model.selfTrade.equality;
  return out;
}

/**
 * The identifiers to send: only the venue's fields, integers as numbers,
 * text trimmed, empty fields omitted.
 */
export function identifiersToSend(venue: Venue, drafts: Record<string, IdentifierDraft>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const field of VENUE_FIELDS[venue].identifiers) {
    const draft = drafts[field.key];
    if (typeof draft === 'number') out[field.key] = draft;
    else if (typeof draft === 'string' && draft.trim() !== '') out[field.key] = draft.trim();
  }
  return out;
}

/** True when the account's API key index is one its venue warns about (Lighter 0–3: used by Lighter's own apps or reserved by its checklist, shared/lighter-api-key-index.ts). */
export function usesReservedLighterKeyIndex(venue: Venue, drafts: Record<string, IdentifierDraft>): boolean {
  const index = drafts.apiKeyIndex;
  return typeof index === 'number' && isDiscouragedKeyIndex(venue, index);
}

/**
 * The `accounts.create` request for a filled-in form. The identifiers are built
 * from `VENUE_FIELDS[venue]` at run time, so their per-venue types cannot be
 * checked here; the core validates them against the venue's schema.
 */
export function createRequest(model: AccountFormModel): RequestOf<'accounts.create'> {
  return {
    venue: model.venue,
    label: model.label.trim(),
    mode: model.mode,
    identifiers: formIdentifiers(model),
  } as RequestOf<'accounts.create'>;
}

/** The `accounts.update` patch for a filled-in form (identifiers replace the whole set). */
export function updatePatch(model: AccountFormModel): AccountPatch {
  return { label: model.label.trim(), mode: model.mode, identifiers: formIdentifiers(model) };
}
