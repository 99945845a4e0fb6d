import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Channel of A's fills (A → B), as the originals name it (hedge_strategy redis_messenger.py `CHANNEL_A_FILLED`). */
export const A_FILLED_CHANNEL = 'hedge:account_a_filled';
/** Channel of B's hedge acks (B → A), as the originals name it (`CHANNEL_B_FILLED`). */
export const B_FILLED_CHANNEL = 'hedge:account_b_filled';
export type FillChannel = typeof A_FILLED_CHANNEL | typeof B_FILLED_CHANNEL;

const decimal = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal amount'));
const index = z.union([z.number(), z.string()]);

/**
 * One message on either channel: the originals' JSON (hedge_strategy
 * README "Redis消息格式": `account_index`, `market_index`, `order_index`,
 * `filled_base_amount`, `filled_quote_amount`, `avg_price`, `timestamp` (Unix
 * s), `side`) plus HedgeDesk's fields:
 * - `id`: unique per fill (A) or per hedge answer (B); B hedges each A id once.
 *   A message of an original script has none: {@link messageId} derives one.
 * - amounts are decimal strings in base units (ETH) and USDC, as the later
 *   originals (main_A.py) send them: `filled_base_amount` "0.0002".
 * - on B's channel: `for_id` (the A message answered), `status` (`hedged`:
 *   B sold/bought it, possibly partly carried below one minimum order;
 *   `failed`: B gave up after its retries) and `unhedged_base_amount`.
 */
export const fillMessageSchema = z.object({
  id: z.string().min(1).optional(),
  account_index: index,
  market_index: index,
  order_index: index.nullable().optional(),
  filled_base_amount: decimal,
  filled_quote_amount: decimal.optional(),
  avg_price: decimal.optional(),
  timestamp: z.number(),
  side: z.enum(['buy', 'sell']),
  symbol: z.string().optional(),
  for_id: z.string().optional(),
  status: z.enum(['hedged', 'failed']).optional(),
  unhedged_base_amount: decimal.optional(),
});
export type FillMessage = z.infer<typeof fillMessageSchema> & { id: string };

/** The id of a message: its `id`, or (a message of an original script) a hash of its account, order, amount, side and timestamp. */
export function messageId(m: z.infer<typeof fillMessageSchema>): string {
  if (m.id) return m.id;
  const key = [m.account_index, m.market_index, m.order_index ?? '', m.filled_base_amount, m.side, m.timestamp].join('|');
  return `orig-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/**
 * Parses a message's JSON text.
 * @throws Error naming the bad field (`filled_base_amount: must be a decimal amount`) or "not JSON".
 */
export function parseFillMessage(text: string): FillMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`not JSON: ${text.slice(0, 80)}`);
  }
  const parsed = fillMessageSchema.safeParse(json);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; '));
  return { ...parsed.data, id: messageId(parsed.data) };
}
