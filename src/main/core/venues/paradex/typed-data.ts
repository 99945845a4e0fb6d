/**
 * Paradex's StarkNet typed data (SNIP-12 legacy, "revision 0"; paradex.md §3)
 * for auth (`Request`), new orders (`Order`) and modifications
 * (`ModifyOrder`). Only the message construction lives here; hashing and
 * signing are starknet.js' (`typedData.getMessageHash`, see `signer.ts`).
 * Facts from paradex-py `paradex_py/message/auth.py` and `message/order.py`,
 * code-samples `typescript/src/utils/typed_data.ts` (crib sheet [S9][S15]).
 */
import { shortString, type TypedData } from 'starknet';

/** `StarkNetDomain` members in the order that defines its type hash (§3). */
const DOMAIN_TYPE = [
  { name: 'name', type: 'felt' },
  { name: 'chainId', type: 'felt' },
  { name: 'version', type: 'felt' },
];

const ORDER_FIELDS = [
  { name: 'timestamp', type: 'felt' },
  { name: 'market', type: 'felt' },
  { name: 'side', type: 'felt' },
  { name: 'orderType', type: 'felt' },
  { name: 'size', type: 'felt' },
  { name: 'price', type: 'felt' },
];

/**
 * The domain `{name:"Paradex", chainId, version:"1"}` (§3). `chainId` is the
 * `starknet_chain_id` string of `/system/config` (e.g.
 * `PRIVATE_SN_PARACLEAR_MAINNET`), encoded as a Cairo short string; a value
 * that is already hex (`0x1`, as in paradex-py's tests) is used as is.
 */
export function paradexDomain(chainId: string): TypedData['domain'] {
  return { name: 'Paradex', chainId: chainId.startsWith('0x') ? chainId : shortString.encodeShortString(chainId), version: '1' };
}

/**
 * The auth message `Request{method:"POST", path:"/v1/auth", body:"",
 * timestamp, expiration}` (§4), both times Unix **seconds**.
 */
export function authTypedData(chainId: string, timestampSec: number, expirationSec: number): TypedData {
  return {
    domain: paradexDomain(chainId),
    primaryType: 'Request',
    types: {
      StarkNetDomain: DOMAIN_TYPE,
      Request: [
        { name: 'method', type: 'felt' },
        { name: 'path', type: 'felt' },
        { name: 'body', type: 'felt' },
        { name: 'timestamp', type: 'felt' },
        { name: 'expiration', type: 'felt' },
      ],
    },
    message: { method: 'POST', path: '/v1/auth', body: '', timestamp: timestampSec, expiration: expirationSec },
  };
}

/**
 * The signed fields of an order (§5): all integers as decimal strings except
 * `market` and `orderType` (short strings). `size` and `price` are already in
 * chain quanta (× 10^paraclear_decimals; `"0"` price for MARKET), `side`
 * `"1"` buy / `"2"` sell, `timestamp` the order's `signature_timestamp` (ms).
 */
export interface OrderMessage {
  timestamp: string;
  market: string;
  side: '1' | '2';
  orderType: string;
  size: string;
  price: string;
}

/** The `Order` typed data of a new order (§5; paradex-py `message/order.py`). */
export function orderTypedData(chainId: string, message: OrderMessage): TypedData {
  return {
    domain: paradexDomain(chainId),
    primaryType: 'Order',
    types: { StarkNetDomain: DOMAIN_TYPE, Order: ORDER_FIELDS },
    message: { ...message },
  };
}

/** The `ModifyOrder` typed data: the Order fields plus the venue order `id` (§5 "Modify"). */
export function modifyOrderTypedData(chainId: string, message: OrderMessage & { id: string }): TypedData {
  return {
    domain: paradexDomain(chainId),
    primaryType: 'ModifyOrder',
    types: { StarkNetDomain: DOMAIN_TYPE, ModifyOrder: [...ORDER_FIELDS, { name: 'id', type: 'felt' }] },
    message: { ...message },
  };
}
