/*
 * STAND-IN for the official Lighter signer shared library — NOT the real one.
 *
 * No Go toolchain able to build lighter-go (Go >= 1.23 and its modules) is
 * available here, so this file reproduces the C ABI of lighter-go's
 * `sharedlib/main.go` for one layout per compilation, written from that
 * source: the exported names, the parameter lists and C types of
 * SignCreateOrder / SignCancelOrder / SignCancelAllOrders / SignModifyOrder,
 * the return structs, CreateClient / CreateAuthToken / Free, and the behaviour
 * HedgeDesk depends on: a client per (uint8 API key, account) registered by
 * CreateClient ("client is not created for …" otherwise), and a tx_info JSON
 * shaped like lighter-go's (Go field names in declaration order, ExpiredAt =
 * now + 10 min - 1 s, orderExpiry -1 = now + 28 days, Sig = 80 bytes base64,
 * then L2TxAttributes: null or the non-nil attributes keyed by number; no such
 * key before v1.0.3). It signs nothing: Sig is a fixed placeholder.
 *
 * Compile with -DLAYOUT=<n> (gcc -shared -fPIC):
 *   102  lighter-go v1.0.2      sharedlib/main.go @ 37514ad: create 13, cancel 5, cancel-all 5, modify 8
 *   106  lighter-go v1.0.6 …    94fa02a (May 2026):           create 17, cancel 6, cancel-all 6, modify 12
 *   107  lighter-go v1.0.7      c26ac34 / 17f2d60:            create 19, cancel 6, cancel-all 7, modify 14
 *   109  lighter-go v1.0.9      (PR #83; lighter-python signer_client.py argtypes): modify 15, order version after nonce
 * 106 and 107 export exactly the same names: only the probe tells them apart.
 *
 * -DGO_BUILDINFO also embeds Go's build-info magic ("\xff Go buildinf:"), so
 * HedgeDesk takes the file for a Go-built library (one per process).
 *
 * Test hook (not part of the Lighter ABI): FakeOutstandingStrings() = strings
 * handed out minus strings released through Free.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef LAYOUT
#error "compile with -DLAYOUT=102|106|107|109"
#endif

typedef struct { char *str; char *err; } StrOrErr;
typedef struct { uint8_t txType; char *txInfo; char *txHash; char *messageToSign; char *err; } SignedTxResponse;
typedef struct { char *privateKey; char *publicKey; char *err; } ApiKeyResponse;

#ifdef GO_BUILDINFO
__attribute__((used)) const char go_buildinfo_marker[] = "\xff Go buildinf:";
#endif

static const char *SIG = "c3RhbmQtaW4gc2lnbmF0dXJlOiBOT1QgYSBTY2hub3JyIHNpZ25hdHVyZS4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4=";
static long long outstanding = 0;
static struct { uint8_t apiKeyIndex; long long accountIndex; } clients[64];
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

static long long nowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int known(uint8_t apiKeyIndex, long long accountIndex) {
  for (int i = 0; i < clientCount; i++)
    if (clients[i].apiKeyIndex == apiKeyIndex && clients[i].accountIndex == accountIndex) return 1;
  return 0;
}

char *CreateClient(char *url, char *privateKey, int chainId, int apiKeyIndex, long long accountIndex) {
  (void)url;
  (void)chainId;
  if (privateKey == NULL || strlen(privateKey) < 80) return give("invalid private key length");
  if (!known((uint8_t)apiKeyIndex, accountIndex) && clientCount < 64) {
    clients[clientCount].apiKeyIndex = (uint8_t)apiKeyIndex;
    clients[clientCount].accountIndex = accountIndex;
    clientCount++;
  }
  return NULL;
}

StrOrErr CreateAuthToken(long long deadline, int apiKeyIndex, long long accountIndex) {
  StrOrErr r = {NULL, NULL};
  char token[256];
  if (!known((uint8_t)apiKeyIndex, accountIndex)) {
    snprintf(token, sizeof token, "client is not created for apiKeyIndex: %d accountIndex: %lld", (uint8_t)apiKeyIndex, accountIndex);
    r.err = give(token);
    return r;
  }
  /* The signature part is hex of "stand-in" (not a Schnorr signature). */
  snprintf(token, sizeof token, "%lld:%lld:%d:7374616e642d696e", deadline, accountIndex, (uint8_t)apiKeyIndex);
  r.str = give(token);
  return r;
}

/* Attribute values of one tx (lighter-go types/txtypes/tx_attributes.go numbers; -1 = not passed). */
typedef struct { long long v[9]; } Attrs;
static const long long NIL[9] __attribute__((unused)) = {0, 0, 0, 0, 0, 255, 0, 0, 0};
static Attrs noAttrs(void) {
  Attrs a;
  for (int i = 0; i < 9; i++) a.v[i] = -1;
  return a;
}

/* `,"L2TxAttributes":…` as lighter-go writes it, or nothing for a pre-v1.0.3 layout. */
static void attrsJson(char *out, size_t size, Attrs a) {
#if LAYOUT == 102
  (void)a;
  out[0] = '\0';
#else
  char body[256] = "";
  int n = 0;
  for (int t = 1; t <= 8; t++) {
    if (a.v[t] < 0 || a.v[t] == NIL[t]) continue;
    char item[48];
    snprintf(item, sizeof item, "%s\"%d\":%lld", n++ ? "," : "", t, a.v[t]);
    strncat(body, item, sizeof body - strlen(body) - 1);
  }
  if (n == 0) snprintf(out, size, ",\"L2TxAttributes\":null");
  else snprintf(out, size, ",\"L2TxAttributes\":{%s}", body);
#endif
}

/* Wraps the tx-specific fields into a full tx_info and a hash, or an error when the client is unknown. */
static SignedTxResponse answer(uint8_t txType, const char *fields, Attrs attrs, long long nonce, int apiKeyIndex, long long accountIndex) {
  SignedTxResponse r = {0, NULL, NULL, NULL, NULL};
  char info[1024], attr[300], hash[96];
  if (!known((uint8_t)apiKeyIndex, accountIndex)) {
    snprintf(info, sizeof info, "client is not created for apiKeyIndex: %d accountIndex: %lld", (uint8_t)apiKeyIndex, accountIndex);
    r.err = give(info);
    return r;
  }
  attrsJson(attr, sizeof attr, attrs);
  snprintf(info, sizeof info, "{\"AccountIndex\":%lld,\"ApiKeyIndex\":%d%s,\"ExpiredAt\":%lld,\"Nonce\":%lld,\"Sig\":\"%s\"%s}", accountIndex, (uint8_t)apiKeyIndex, fields,
           nowMs() + 599000, nonce, SIG, attr);
  snprintf(hash, sizeof hash, "%02x%030llx%032llx", txType, (unsigned long long)nonce, (unsigned long long)accountIndex);
  r.txType = txType;
  r.txInfo = give(info);
  r.txHash = give(hash);
  return r;
}

static SignedTxResponse createOrder(int marketIndex, long long clientOrderIndex, long long baseAmount, int price, int isAsk, int orderType, int timeInForce,
                                    int reduceOnly, int triggerPrice, long long orderExpiry, Attrs attrs, long long nonce, int apiKeyIndex, long long accountIndex) {
  char fields[512];
  if (orderExpiry == -1) orderExpiry = nowMs() + 28LL * 24 * 3600 * 1000;
  snprintf(fields, sizeof fields,
           ",\"MarketIndex\":%d,\"ClientOrderIndex\":%lld,\"BaseAmount\":%lld,\"Price\":%u,\"IsAsk\":%u,\"Type\":%u,\"TimeInForce\":%u,\"ReduceOnly\":%u,\"TriggerPrice\":%u,\"OrderExpiry\":%lld",
           (int16_t)marketIndex, clientOrderIndex, baseAmount, (uint32_t)price, (uint8_t)isAsk, (uint8_t)orderType, (uint8_t)timeInForce, (uint8_t)reduceOnly,
           (uint32_t)triggerPrice, orderExpiry);
  return answer(14, fields, attrs, nonce, apiKeyIndex, accountIndex);
}

static SignedTxResponse cancelOrder(int marketIndex, long long orderIndex, Attrs attrs, long long nonce, int apiKeyIndex, long long accountIndex) {
  char fields[128];
  snprintf(fields, sizeof fields, ",\"MarketIndex\":%d,\"Index\":%lld", (int16_t)marketIndex, orderIndex);
  return answer(15, fields, attrs, nonce, apiKeyIndex, accountIndex);
}

static SignedTxResponse cancelAll(int timeInForce, long long time, Attrs attrs, long long nonce, int apiKeyIndex, long long accountIndex) {
  char fields[128];
  snprintf(fields, sizeof fields, ",\"TimeInForce\":%u,\"Time\":%lld", (uint8_t)timeInForce, time);
  return answer(16, fields, attrs, nonce, apiKeyIndex, accountIndex);
}

static SignedTxResponse modifyOrder(int marketIndex, long long index, long long baseAmount, long long price, long long triggerPrice, Attrs attrs, long long nonce,
                                    int apiKeyIndex, long long accountIndex) {
  char fields[256];
  snprintf(fields, sizeof fields, ",\"MarketIndex\":%d,\"Index\":%lld,\"BaseAmount\":%lld,\"Price\":%u,\"TriggerPrice\":%u", (int16_t)marketIndex, index, baseAmount,
           (uint32_t)price, (uint32_t)triggerPrice);
  return answer(17, fields, attrs, nonce, apiKeyIndex, accountIndex);
}

/* Integrator (1-3), skip nonce (4), self-trade (6, 7) as lighter-go's integratorTxAttributes sets them (skip nonce only when 1). */
__attribute__((unused)) static Attrs orderAttrs(long long integrator, int takerFee, int makerFee, int skipNonce, int stb, int ste) {
  Attrs a = noAttrs();
  a.v[1] = integrator;
  a.v[2] = (uint32_t)takerFee;
  a.v[3] = (uint32_t)makerFee;
  a.v[4] = skipNonce == 1 ? 1 : -1;
  a.v[6] = stb;
  a.v[7] = ste;
  return a;
}

#if LAYOUT == 102
SignedTxResponse SignCreateOrder(int marketIndex, long long clientOrderIndex, long long baseAmount, int price, int isAsk, int orderType, int timeInForce,
                                 int reduceOnly, int triggerPrice, long long orderExpiry, long long nonce, int apiKeyIndex, long long accountIndex) {
  return createOrder(marketIndex, clientOrderIndex, baseAmount, price, isAsk, orderType, timeInForce, reduceOnly, triggerPrice, orderExpiry, noAttrs(), nonce,
                     apiKeyIndex, accountIndex);
}
SignedTxResponse SignCancelOrder(int marketIndex, long long orderIndex, long long nonce, int apiKeyIndex, long long accountIndex) {
  return cancelOrder(marketIndex, orderIndex, noAttrs(), nonce, apiKeyIndex, accountIndex);
}
SignedTxResponse SignCancelAllOrders(int timeInForce, long long time, long long nonce, int apiKeyIndex, long long accountIndex) {
  return cancelAll(timeInForce, time, noAttrs(), nonce, apiKeyIndex, accountIndex);
}
SignedTxResponse SignModifyOrder(int marketIndex, long long index, long long baseAmount, long long price, long long triggerPrice, long long nonce, int apiKeyIndex,
                                 long long accountIndex) {
  return modifyOrder(marketIndex, index, baseAmount, price, triggerPrice, noAttrs(), nonce, apiKeyIndex, accountIndex);
}
#else
#if LAYOUT == 106
SignedTxResponse SignCreateOrder(int marketIndex, long long clientOrderIndex, long long baseAmount, int price, int isAsk, int orderType, int timeInForce,
                                 int reduceOnly, int triggerPrice, long long orderExpiry, long long integratorAccountIndex, int integratorTakerFee,
                                 int integratorMakerFee, uint8_t skipNonce, long long nonce, int apiKeyIndex, long long accountIndex) {
  return createOrder(marketIndex, clientOrderIndex, baseAmount, price, isAsk, orderType, timeInForce, reduceOnly, triggerPrice, orderExpiry,
                     orderAttrs(integratorAccountIndex, integratorTakerFee, integratorMakerFee, skipNonce, -1, -1), nonce, apiKeyIndex, accountIndex);
}
#else
SignedTxResponse SignCreateOrder(int marketIndex, long long clientOrderIndex, long long baseAmount, int price, int isAsk, int orderType, int timeInForce,
                                 int reduceOnly, int triggerPrice, long long orderExpiry, long long integratorAccountIndex, int integratorTakerFee,
                                 int integratorMakerFee, uint8_t selfTradeBehaviorMode, uint8_t selfTradeEqualityMode, uint8_t skipNonce, long long nonce,
                                 int apiKeyIndex, long long accountIndex) {
  return createOrder(marketIndex, clientOrderIndex, baseAmount, price, isAsk, orderType, timeInForce, reduceOnly, triggerPrice, orderExpiry,
                     orderAttrs(integratorAccountIndex, integratorTakerFee, integratorMakerFee, skipNonce, selfTradeBehaviorMode, selfTradeEqualityMode),
                     nonce, apiKeyIndex, accountIndex);
}
#endif
SignedTxResponse SignCancelOrder(int marketIndex, long long orderIndex, uint8_t skipNonce, long long nonce, int apiKeyIndex, long long accountIndex) {
  Attrs a = noAttrs();
  a.v[4] = skipNonce == 1 ? 1 : -1;
  return cancelOrder(marketIndex, orderIndex, a, nonce, apiKeyIndex, accountIndex);
}
#if LAYOUT == 106
SignedTxResponse SignCancelAllOrders(int timeInForce, long long time, uint8_t skipNonce, long long nonce, int apiKeyIndex, long long accountIndex) {
  Attrs a = noAttrs();
  a.v[4] = skipNonce == 1 ? 1 : -1;
  return cancelAll(timeInForce, time, a, nonce, apiKeyIndex, accountIndex);
}
SignedTxResponse SignModifyOrder(int marketIndex, long long index, long long baseAmount, long long price, long long triggerPrice, long long integratorAccountIndex,
                                 int integratorTakerFee, int integratorMakerFee, uint8_t skipNonce, long long nonce, int apiKeyIndex, long long accountIndex) {
  return modifyOrder(marketIndex, index, baseAmount, price, triggerPrice, orderAttrs(integratorAccountIndex, integratorTakerFee, integratorMakerFee, skipNonce, -1, -1),
                     nonce, apiKeyIndex, accountIndex);
}
#else
SignedTxResponse SignCancelAllOrders(int timeInForce, long long time, int cancelAllMarketIndex, uint8_t skipNonce, long long nonce, int apiKeyIndex,
                                     long long accountIndex) {
  Attrs a = noAttrs();
  a.v[4] = skipNonce == 1 ? 1 : -1;
  a.v[5] = (int16_t)cancelAllMarketIndex;
  return cancelAll(timeInForce, time, a, nonce, apiKeyIndex, accountIndex);
}
#if LAYOUT == 107
SignedTxResponse SignModifyOrder(int marketIndex, long long index, long long baseAmount, long long price, long long triggerPrice, long long integratorAccountIndex,
                                 int integratorTakerFee, int integratorMakerFee, uint8_t selfTradeBehaviorMode, uint8_t selfTradeEqualityMode, uint8_t skipNonce,
                                 long long nonce, int apiKeyIndex, long long accountIndex) {
  return modifyOrder(marketIndex, index, baseAmount, price, triggerPrice,
                     orderAttrs(integratorAccountIndex, integratorTakerFee, integratorMakerFee, skipNonce, selfTradeBehaviorMode, selfTradeEqualityMode), nonce,
                     apiKeyIndex, accountIndex);
}
#else
SignedTxResponse SignModifyOrder(int marketIndex, long long index, long long baseAmount, long long price, long long triggerPrice, long long integratorAccountIndex,
                                 int integratorTakerFee, int integratorMakerFee, uint8_t selfTradeBehaviorMode, uint8_t selfTradeEqualityMode, uint8_t skipNonce,
                                 long long nonce, long long orderVersion, int apiKeyIndex, long long accountIndex) {
  Attrs a = orderAttrs(integratorAccountIndex, integratorTakerFee, integratorMakerFee, skipNonce, selfTradeBehaviorMode, selfTradeEqualityMode);
  a.v[8] = orderVersion;
  return modifyOrder(marketIndex, index, baseAmount, price, triggerPrice, a, nonce, apiKeyIndex, accountIndex);
}
#endif
#endif
#endif

/* The rest of the export set: present (like the real library), never called by HedgeDesk. */
static SignedTxResponse unused(void) {
  SignedTxResponse r = {0, NULL, NULL, NULL, NULL};
  r.err = give("stand-in: not implemented");
  return r;
}
ApiKeyResponse GenerateAPIKey(void) { ApiKeyResponse r = {NULL, NULL, NULL}; r.err = give("stand-in: not implemented"); return r; }
char *CheckClient(int apiKeyIndex, long long accountIndex) { (void)apiKeyIndex; (void)accountIndex; return give("stand-in: not implemented"); }
SignedTxResponse SignChangePubKey(void) { return unused(); }
SignedTxResponse SignCreateGroupedOrders(void) { return unused(); }
SignedTxResponse SignUpdateLeverage(void) { return unused(); }
SignedTxResponse SignUpdateMargin(void) { return unused(); }
SignedTxResponse SignWithdraw(void) { return unused(); }
SignedTxResponse SignTransfer(void) { return unused(); }
SignedTxResponse SignCreateSubAccount(void) { return unused(); }
SignedTxResponse SignCreatePublicPool(void) { return unused(); }
SignedTxResponse SignUpdatePublicPool(void) { return unused(); }
SignedTxResponse SignMintShares(void) { return unused(); }
SignedTxResponse SignBurnShares(void) { return unused(); }
#if LAYOUT >= 106
SignedTxResponse SignStakeAssets(void) { return unused(); }
SignedTxResponse SignUnstakeAssets(void) { return unused(); }
SignedTxResponse SignApproveIntegrator(void) { return unused(); }
SignedTxResponse SignUpdateAccountConfig(void) { return unused(); }
SignedTxResponse SignUpdateAccountAssetConfig(void) { return unused(); }
#endif
#if LAYOUT >= 109
SignedTxResponse SignCreateOrdersBatch(void) { return unused(); }
#endif
