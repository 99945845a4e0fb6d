import { z } from 'zod';
import type { StrategyParam } from '../../../shared/schemas/strategy-params';
import { ContractError } from '../../../shared/errors';
import type { StrategyDefinition } from '../engine/strategy';
import type { Handlers } from './context';

/** Config keys a parameter form does not edit: accounts, the coin list (its own editor) and Telegram. */
const NOT_PARAMETERS = new Set(['accounts', 'coinlist', 'symbols', 'coins', 'base_url', 'telegram_bot_token', 'telegram_chat_id']);

/** The part of a JSON Schema (draft 2020-12, as zod writes it) this reads. */
interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  prefixItems?: JsonSchema[];
}

function bounds(s: JsonSchema): Pick<StrategyParam, 'min' | 'max'> {
  const min = s.minimum ?? s.exclusiveMinimum;
  const max = s.maximum ?? s.exclusiveMaximum;
  return {
    ...(min !== undefined && min > Number.MIN_SAFE_INTEGER ? { min } : {}),
    ...(max !== undefined && max < Number.MAX_SAFE_INTEGER ? { max } : {}),
  };
}

/** One property of the config's input schema as a form parameter; null when it is not a scalar a form edits. */
function parameter(key: string, s: JsonSchema): StrategyParam | null {
  const base = { key, help: s.description ?? null, default: s.default };
  if (s.type === 'number' || s.type === 'integer') return { ...base, kind: s.type, ...bounds(s) };
  if (s.type === 'boolean') return { ...base, kind: 'boolean' };
  if (s.type === 'string' && s.enum?.every((o) => typeof o === 'string')) return { ...base, kind: 'enum', options: s.enum as string[] };
  const ends = s.prefixItems;
  if (s.type === 'array' && ends?.length === 2 && ends.every((e) => e.type === 'number')) {
    return { ...base, kind: 'range', ...bounds({ minimum: Math.max(...ends.map((e) => e.minimum ?? -Infinity)), maximum: Math.min(...ends.map((e) => e.maximum ?? Infinity)) }) };
  }
  return null;
}

/** The top-level scalar parameters of a config schema (what the user sends, defaults and descriptions included). */
export function describeParameters(schema: z.ZodType): StrategyParam[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema> };
  return Object.entries(json.properties ?? {})
    .filter(([key]) => !NOT_PARAMETERS.has(key))
    .map(([key, s]) => parameter(key, s))
    .filter((p): p is StrategyParam => p !== null);
}

/** `strategies.describe`: the parameters of a strategy's config schema, for a generated form. */
export function strategiesHandlers(strategies: readonly StrategyDefinition[]): Pick<Handlers, 'strategies.describe'> {
  const described = new Map(strategies.map((s) => [s.id, describeParameters(s.configSchema)]));
  return {
    'strategies.describe': ({ strategy }) => {
      const parameters = described.get(strategy);
      if (!parameters) throw new ContractError('NOT_FOUND', `strategy ${strategy} is not in this build`, [{ path: 'strategy', message: 'not in this build' }]);
      return { parameters };
    },
  };
}
