/**
 * Lighter's error answers: HTTP 400 (429 for rate limits) with a body
 * `{"code": <int>, "message": "<text>"}` (lighter.md §0, §7.1). Codes and
 * texts follow Lighter's published error registry; the sim-specific choices
 * are marked in the table.
 */
export const LIGHTER_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  20001: 'invalid param: ', // also used by the sim for a bad or missing auth token
  21100: 'account not found',
  21102: 'invalid account index',
  21104: 'invalid nonce',
  21105: 'batch transaction nonce is not increasing',
  21110: 'invalid api key index',
  21113: 'invalid initial margin fraction',
  21120: 'invalid signature',
  21121: 'all transactions in the batch must have use same account and apikey',
  21501: 'invalid tx info',
  21505: 'unsupported tx type',
  21508: "account is below initial margin, can't execute transaction",
  21513: 'TxInfos and TxTypes should have the same length',
  21514: 'maximum 50 transactions allowed per batch',
  21600: 'given order is not an active limit order',
  21602: 'invalid market index',
  21605: 'invalid market status',
  21613: 'invalid margin mode',
  21700: 'invalid order index',
  21701: 'invalid base amount',
  21702: 'invalid price',
  21703: 'invalid isAsk',
  21704: 'invalid OrderType',
  21705: 'invalid OrderTimeInForce',
  21706: 'invalid order base or quote amount',
  21707: 'account is not owner of the order',
  21710: 'unsupported order type',
  21711: 'invalid expiry',
  21713: 'invalid cancel all time in force',
  21714: 'invalid cancel all time',
  21727: 'invalid client order index',
  21728: 'client order index already exists',
  21729: 'invalid order trigger price',
  21732: 'reduce only increases position',
  21739: 'not enough margin to create the order',
  21740: 'invalid reduce only mode',
  21743: 'invalid order info',
  23000: 'Too Many Requests!',
  29404: 'not found',
  29500: 'internal server error',
  30000: 'Invalid Json',
  30001: 'Invalid Type',
  30002: 'Not Subscribed to ',
  30003: 'Already Subscribed to ',
  30005: 'Invalid Channel',
  30006: "Operation isn't supported ",
};

/** A Lighter error answer. `httpStatus` is 400 except 429 for code 23000 and 404 for 29404. */
export class LighterError extends Error {
  readonly httpStatus: number;

  /**
   * @param code Lighter error code (see {@link LIGHTER_ERROR_MESSAGES}).
   * @param detail Appended to the registry text (after it for codes whose text ends in ": ", else after ": ").
   * @param message Replaces the registry text entirely (fault injection).
   */
  constructor(
    readonly code: number,
    detail?: string,
    message?: string,
  ) {
    super(message ?? LighterError.text(code, detail));
    this.httpStatus = code === 23000 ? 429 : code === 29404 ? 404 : 400;
  }

  /** The JSON body Lighter answers with. */
  body(): { code: number; message: string } {
    return { code: this.code, message: this.message };
  }

  private static text(code: number, detail?: string): string {
    const base = LIGHTER_ERROR_MESSAGES[code] ?? `error ${code}`;
    if (detail === undefined) return base.replace(/: $/, '');
    return base.endsWith(': ') ? `${base}${detail}` : `${base}: ${detail}`;
  }
}
