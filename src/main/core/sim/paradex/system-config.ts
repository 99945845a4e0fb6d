import recordedConfig from './system-config.json';

/**
 * The `GET /v1/system/config` body (paradex.md §2; paradex-py
 * `paradex_py/api/models.py` SystemConfig). The sim serves the recorded
 * testnet body verbatim (shared/data/paradex/ccxt_static_response.json →
 * `options.systemConfig`): `starknet_chain_id` PRIVATE_SN_POTC_SEPOLIA — the
 * typed-data chain id — and the account class hashes used to derive addresses.
 */
export interface SystemConfig {
  starknet_gateway_url: string;
  starknet_fullnode_rpc_url: string;
  starknet_chain_id: string;
  block_explorer_url: string;
  paraclear_address: string;
  paraclear_decimals: number;
  paraclear_account_proxy_hash: string;
  paraclear_account_hash: string;
  oracle_address: string;
  bridged_tokens: { name: string; symbol: string; decimals: number; l1_token_address: string; l1_bridge_address: string; l2_token_address: string; l2_bridge_address: string }[];
  l1_core_contract_address: string;
  l1_operator_address: string;
  l1_chain_id: string;
  liquidation_fee: string;
}

/** The recorded testnet `/system/config` body the sim serves. */
export const SIM_SYSTEM_CONFIG: Readonly<SystemConfig> = recordedConfig;
