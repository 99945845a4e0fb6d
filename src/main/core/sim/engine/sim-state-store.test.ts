import Decimal from 'decimal.js';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptStateFileError } from '../../store/atomic-json-file';
import { ManualSimClock } from './sim-clock';
import { ID_BLOCK, SimStateLockedError, SimStateStore } from './sim-state-store';

describe('SimStateStore', () => {
  let dir: string;
  const clock = new ManualSimClock();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hd-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const flushTurn = () => new Promise((r) => setTimeout(r, 0));

  it('writes the live state at the end of the turn and history lines before it, Decimals exact', async () => {
    const store = new SimStateStore(dir);
    let live = { collateral: new Decimal('10000.123456789') };
    store.start(() => live, () => [], clock);
    store.record({ kind: 'trade', price: new Decimal('3000.01') });
    live = { collateral: new Decimal('9999.5') };
    await flushTurn();
    store.abandon();
    const again = new SimStateStore(dir);
    expect(again.load()).toEqual({ state: { collateral: new Decimal('9999.5') }, history: [{ kind: 'trade', price: new Decimal('3000.01') }], idFloor: {} });
    again.abandon();
  });

  it('reserves id blocks on disk before they are used: after a crash counters restart beyond every id issued', () => {
    const store = new SimStateStore(dir);
    store.start(() => ({}), () => [], clock);
    store.reserve('trade', 1);
    store.reserve('trade', ID_BLOCK); // still inside the first block: no write
    expect(JSON.parse(readFileSync(join(dir, 'ids.json'), 'utf8'))).toEqual({ trade: 1 + ID_BLOCK });
    store.reserve('trade', 1 + ID_BLOCK);
    store.abandon(); // kill -9: state.json never written
    const again = new SimStateStore(dir);
    expect(again.load()).toMatchObject({ state: null, idFloor: { trade: 1 + 2 * ID_BLOCK } });
    again.abandon();
  });

  it('ignores and cuts off a torn last history line, refuses a bad line elsewhere', () => {
    const store = new SimStateStore(dir);
    store.start(() => ({ n: 1 }), () => [], clock);
    store.record({ a: 1 });
    store.flush();
    store.abandon();
    appendFileSync(join(dir, 'history.jsonl'), '{"a":2,"b"');
    const torn = new SimStateStore(dir);
    expect(torn.load().history).toEqual([{ a: 1 }]);
    torn.start(() => ({ n: 2 }), () => [], clock);
    torn.record({ a: 3 });
    torn.close();
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8')).toBe('{"a":1}\n{"a":3}\n');
    writeFileSync(join(dir, 'history.jsonl'), '{"a":1}\nnope\n{"a":3}\n');
    const bad = new SimStateStore(dir);
    expect(() => bad.load()).toThrow(CorruptStateFileError);
    expect(() => bad.load()).toThrow(/history\.jsonl is corrupted \(line 2/);
    bad.abandon();
  });

  it('rewrites the history journal from the retained history once it is long', () => {
    const store = new SimStateStore(dir, { compactAt: 5 });
    const retained = [{ id: 3 }, { id: 4 }];
    store.start(() => ({}), () => retained, clock);
    for (let id = 0; id < 5; id++) {
      store.record({ id });
      store.flush();
    }
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8')).toBe('{"id":3}\n{"id":4}\n');
    store.close();
  });

  it('one store per directory: a live holder is refused, a dead one taken over', () => {
    const store = new SimStateStore(dir);
    expect(() => new SimStateStore(dir)).toThrow(SimStateLockedError);
    store.close();
    writeFileSync(join(dir, 'lock'), '999999999');
    new SimStateStore(dir).close();
  });
});
