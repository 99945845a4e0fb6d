import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RequestOf } from '../../../shared/contract';
import type { FieldIssue } from '../../../shared/errors';
import type { CoinList, CoinListCheck, CoinListCreate, CoinListPatch } from '../../../shared/schemas/coin-lists';
import type { VenueMarkets } from '../../../shared/schemas/markets';
import type { Venue } from '../../../shared/schemas/venues';
import { useApi } from '../api';

/**
 * The saved coin lists (by name) and the market specs of each venue the
 * editor has asked for. The lists follow `coinLists.changed`, so changes from
 * other windows or clients show up. Every command may throw ContractError
 * (`INVALID_REQUEST` with `coins.N.field` issues, `CONFLICT` on `name`).
 */
export const useCoinListsStore = defineStore('coinLists', () => {
  const api = useApi();
  const lists = ref<CoinList[]>([]);
  const loaded = ref(false);
  /** Market specs by venue, once loaded (`markets.list`). */
  const markets = ref<Partial<Record<Venue, VenueMarkets>>>({});

  function setLists(next: CoinList[]): void {
    lists.value = next;
    loaded.value = true;
  }

  function upsert(list: CoinList): void {
    const rest = lists.value.filter((l) => l.id !== list.id);
    setLists([...rest, list].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })));
  }

  api.on('coinLists.changed', setLists);

  /** Fetches every list. */
  async function load(): Promise<void> {
    setLists(await api.invoke('coinLists.list', {}));
  }

  /** The market specs of `venue` (fetched once per venue). */
  async function loadMarkets(venue: Venue): Promise<VenueMarkets> {
    const known = markets.value[venue];
    if (known) return known;
    const answer = await api.invoke('markets.list', { venue });
    markets.value[venue] = answer;
    return answer;
  }

  /** Checks coins as typed against the venue's specs, saving nothing. */
  function validate(venue: Venue, coins: unknown[]): Promise<CoinListCheck> {
    return api.invoke('coinLists.validate', { venue, coins });
  }

  /** Saves a new list. */
  async function create(request: CoinListCreate): Promise<CoinList> {
    const list = await api.invoke('coinLists.create', request);
    upsert(list);
    return list;
  }

  /** Replaces name, venue or coins of a list (issue paths start with `patch.`). */
  async function update(id: string, patch: CoinListPatch): Promise<CoinList> {
    const list = await api.invoke('coinLists.update', { id, patch });
    upsert(list);
    return list;
  }

  /** Deletes a list. */
  async function remove(id: string): Promise<void> {
    await api.invoke('coinLists.delete', { id });
    setLists(lists.value.filter((l) => l.id !== id));
  }

  /** Saves the coin list of an original tri-hedge JSON config (its text) as a new list; `warnings` say what the mapping changed. */
  async function importConfig(request: RequestOf<'coinLists.import'>): Promise<{ list: CoinList; warnings: FieldIssue[] }> {
    const result = await api.invoke('coinLists.import', request);
    upsert(result.list);
    return result;
  }

  return { lists, loaded, markets, load, loadMarkets, validate, create, update, remove, importConfig };
});
