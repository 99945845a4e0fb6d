import { describe, expect, it } from 'vitest';
import { defaultPaperSim } from './paper-sim-default';

describe('default external simulator of paper accounts (environment)', () => {
  it('reads the URL and the admin token, and names the variable of a bad URL', () => {
    expect(defaultPaperSim('lighter', {})).toBeNull();
    expect(defaultPaperSim('lighter', { HEDGEDESK_PAPER_LIGHTER_SIM: 'http://127.0.0.1:9001/', HEDGEDESK_SIM_ADMIN_TOKEN: 't'.repeat(16) })).toEqual({ url: 'http://127.0.0.1:9001', adminToken: 't'.repeat(16) });
    expect(defaultPaperSim('paradex', { HEDGEDESK_PAPER_PARADEX_SIM: 'http://localhost:9002' })).toEqual({ url: 'http://localhost:9002', adminToken: null });
    expect(() => defaultPaperSim('paradex', { HEDGEDESK_PAPER_PARADEX_SIM: 'https://paradex.trade' })).toThrow(/^HEDGEDESK_PAPER_PARADEX_SIM: "https:\/\/paradex.trade" is not the http:\/\/127\.0\.0\.1:<port> URL/);
  });
});
