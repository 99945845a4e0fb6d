/**
 * Highest leverage Lighter grants on any market: the smallest
 * `min_initial_margin_fraction` in `orderBookDetails` is 200 (2 %, ETH and
 * BTC; /work/shared/data/lighter/order_book_details.json). A position larger
 * than available collateral × this is refused on every market, so a size
 * beyond it can be refused before the first order.
 */
export const LIGHTER_MAX_LEVERAGE = 50;
