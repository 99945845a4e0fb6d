/*
 * STAND-IN for the official Lighter signer shared library — NOT the real one.
 *
 * It exports the C ABI of lighter-go @ 17f2d60 sharedlib/main.go as written in
 * shared/venues/lighter.md §5.3 (same function names, parameter types and
 * return structs) so HedgeDesk's koffi bindings, struct decoding, Free handling
 * and export-set check can be tested without Go. It signs nothing: each Sign*
 * function answers deterministic JSON that echoes the arguments it received,
 * in order, so the tests can check every positional argument.
 *
 * Compiled by ffi-signer.test.ts with `gcc -shared -fPIC` into a temp dir:
 *   (no flags)                 the pinned export set
 *   -DOMIT_SIGN_STAKE_ASSETS   lacks SignStakeAssets (an export the pinned build has)
 *   -DWITH_NEWER_EXPORTS       adds SignCreateOrdersBatch (an export only newer builds have)
 *
 * Test hooks (not part of the Lighter ABI): FakeOutstandingStrings() = strings
 * handed out minus strings released through Free.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char *str; char *err; } StrOrErr;
typedef struct { uint8_t txType; char *txInfo; char *txHash; char *messageToSign; char *err; } SignedTxResponse;
typedef struct { char *privateKey; char *publicKey; char *err; } ApiKeyResponse;
typedef struct {
  int16_t MarketIndex; int64_t ClientOrderIndex; int64_t BaseAmount; uint32_t Price; uint8_t IsAsk;
  uint8_t Type; uint8_t TimeInForce; uint8_t ReduceOnly; uint32_t TriggerPrice; int64_t OrderExpiry;
} CreateOrderTxReq;

static long long outstanding = 0;
static struct { int apiKeyIndex; long long accountIndex; } clients[64];
static int clientCount = 0;

static char *give(const char *text) {
  char *copy = malloc(strlen(text) + 1);
  strcpy(copy, text);
  outstanding++;
  return copy;
}

void Free(void *ptr) {
  if (ptr) outstanding--;
  free(ptr);
}

long long FakeOutstandingStrings(void) { return outstanding; }

static int known(int apiKeyIndex, long long accountIndex) {
  for (int i = 0; i < clientCount; i++)
    if (clients[i].apiKeyIndex == apiKeyIndex && clients[i].accountIndex == accountIndex) return 1;
  return 0;
}

char *CreateClient(char *url, char *privateKey, int chainId, int apiKeyIndex, long long accountIndex) {
  if (url[0] != '\0') return give("stand-in: a URL was given, but HedgeDesk must create the signer without HTTP");
  if (privateKey[0] == '\0') return give("stand-in: empty private key");
  if (chainId != 300 && chainId != 304) return give("stand-in: unknown chain id");
  if (!known(apiKeyIndex, accountIndex) && clientCount < 64) {
    clients[clientCount].apiKeyIndex = apiKeyIndex;
    clients[clientCount].accountIndex = accountIndex;
    clientCount++;
  }
  return NULL;
}

/* The answer of every Sign* stand-in: an error, or txInfo = {"fn":…,"args":[…]} and a txHash. */
static SignedTxResponse answer(uint8_t txType, const char *fn, const char *args, long long nonce, int apiKeyIndex, long long accountIndex) {
  SignedTxResponse r = {0, NULL, NULL, NULL, NULL};
  if (!known(apiKeyIndex, accountIndex)) { r.err = give("stand-in: client not found, call CreateClient first"); return r; }
  if (nonce == 424242) { r.err = give("stand-in: invalid nonce"); return r; }
  char info[1024], hash[128];
  snprintf(info, sizeof info, "{\"fn\":\"%s\",\"args\":[%s]}", fn, args);
  snprintf(hash, sizeof hash, "standin-%s-%lld", fn, nonce);
  r.txType = txType;
  r.txInfo = give(info);
  r.txHash = give(hash);
  return r;
}

StrOrErr CreateAuthToken(long long deadline, int apiKeyIndex, long long accountIndex) {
  StrOrErr r = {NULL, NULL};
  char token[256];
  if (!known(apiKeyIndex, accountIndex)) { r.err = give("stand-in: client not found, call CreateClient first"); return r; }
  snprintf(token, sizeof token, "%lld:%lld:%d:standin", deadline, accountIndex, apiKeyIndex);
  r.str = give(token);
  return r;
}

SignedTxResponse SignCreateOrder(int marketIndex, long long clientOrderIndex, long long baseAmount, int price, int isAsk, int orderType,
                                 int timeInForce, int reduceOnly, int triggerPrice, long long orderExpiry, long long integratorAccountIndex,
                                 int integratorTakerFee, int integratorMakerFee, uint8_t selfTradeBehaviorMode, uint8_t selfTradeEqualityMode,
                                 uint8_t skipNonce, long long nonce, int apiKeyIndex, long long accountIndex) {
  char args[768];
  snprintf(args, sizeof args, "%d,%lld,%lld,%u,%d,%d,%d,%d,%u,%lld,%lld,%d,%d,%u,%u,%u,%lld,%d,%lld", marketIndex, clientOrderIndex, baseAmount,
           (uint32_t)price, isAsk, orderType, timeInForce, reduceOnly, (uint32_t)triggerPrice, orderExpiry, integratorAccountIndex,
           integratorTakerFee, integratorMakerFee, selfTradeBehaviorMode, selfTradeEqualityMode, skipNonce, nonce, apiKeyIndex, accountIndex);
  return answer(14, "SignCreateOrder", args, nonce, apiKeyIndex, accountIndex);
}

SignedTxResponse SignCancelOrder(int marketIndex, long long orderIndex, uint8_t skipNonce, long long nonce, int apiKeyIndex, long long accountIndex) {
  char args[256];
  snprintf(args, sizeof args, "%d,%lld,%u,%lld,%d,%lld", marketIndex, orderIndex, skipNonce, nonce, apiKeyIndex, accountIndex);
  return answer(15, "SignCancelOrder", args, nonce, apiKeyIndex, accountIndex);
}

SignedTxResponse SignCancelAllOrders(int timeInForce, long long time, int cancelAllMarketIndex, uint8_t skipNonce, long long nonce, int apiKeyIndex,
                                     long long accountIndex) {
  char args[256];
  snprintf(args, sizeof args, "%d,%lld,%d,%u,%lld,%d,%lld", timeInForce, time, cancelAllMarketIndex, skipNonce, nonce, apiKeyIndex, accountIndex);
  return answer(16, "SignCancelAllOrders", args, nonce, apiKeyIndex, accountIndex);
}

SignedTxResponse SignModifyOrder(int marketIndex, long long index, long long baseAmount, long long price, long long triggerPrice,
                                 long long integratorAccountIndex, int integratorTakerFee, int integratorMakerFee, uint8_t selfTradeBehaviorMode,
                                 uint8_t selfTradeEqualityMode, uint8_t skipNonce, long long nonce, int apiKeyIndex, long long accountIndex) {
  char args[512];
  snprintf(args, sizeof args, "%d,%lld,%lld,%lld,%lld,%lld,%d,%d,%u,%u,%u,%lld,%d,%lld", marketIndex, index, baseAmount, price, triggerPrice,
           integratorAccountIndex, integratorTakerFee, integratorMakerFee, selfTradeBehaviorMode, selfTradeEqualityMode, skipNonce, nonce,
           apiKeyIndex, accountIndex);
  return answer(17, "SignModifyOrder", args, nonce, apiKeyIndex, accountIndex);
}

/* The rest of the pinned export set: present (the export-set check looks for them), never called by HedgeDesk. */
static SignedTxResponse unused(void) {
  SignedTxResponse r = {0, NULL, NULL, NULL, NULL};
  r.err = give("stand-in: not implemented");
  return r;
}
ApiKeyResponse GenerateAPIKey(void) { ApiKeyResponse r = {NULL, NULL, NULL}; r.err = give("stand-in: not implemented"); return r; }
char *CheckClient(int apiKeyIndex, long long accountIndex) { (void)apiKeyIndex; (void)accountIndex; return give("stand-in: not implemented"); }
SignedTxResponse SignChangePubKey(char *pubKey, uint8_t skipNonce, long long nonce, int apiKeyIndex, long long accountIndex) { return unused(); }
SignedTxResponse SignCreateGroupedOrders(uint8_t groupingType, CreateOrderTxReq *orders, int len, long long integratorAccountIndex, int takerFee,
                                         int makerFee, uint8_t stb, uint8_t ste, uint8_t skipNonce, long long nonce, int apiKeyIndex,
                                         long long accountIndex) { return unused(); }
SignedTxResponse SignUpdateLeverage(int marketIndex, int fraction, int marginMode, uint8_t skipNonce, long long nonce, int apiKeyIndex,
                                    long long accountIndex) { return unused(); }
SignedTxResponse SignUpdateMargin(int marketIndex, long long usdcAmount, int direction, uint8_t skipNonce, long long nonce, int apiKeyIndex,
                                  long long accountIndex) { return unused(); }
SignedTxResponse SignWithdraw(void) { return unused(); }
SignedTxResponse SignTransfer(void) { return unused(); }
SignedTxResponse SignCreateSubAccount(void) { return unused(); }
SignedTxResponse SignCreatePublicPool(void) { return unused(); }
SignedTxResponse SignUpdatePublicPool(void) { return unused(); }
SignedTxResponse SignMintShares(void) { return unused(); }
SignedTxResponse SignBurnShares(void) { return unused(); }
#ifndef OMIT_SIGN_STAKE_ASSETS
SignedTxResponse SignStakeAssets(void) { return unused(); }
#endif
SignedTxResponse SignUnstakeAssets(void) { return unused(); }
SignedTxResponse SignApproveIntegrator(void) { return unused(); }
SignedTxResponse SignUpdateAccountConfig(void) { return unused(); }
SignedTxResponse SignUpdateAccountAssetConfig(void) { return unused(); }

#ifdef WITH_NEWER_EXPORTS
/* Present only in builds newer than 17f2d60 (the lighter-python binary, lighter.md §5.3). */
SignedTxResponse SignCreateOrdersBatch(void) { return unused(); }
#endif
