// Static currency table used to annualise salaries into USD. These are NOT live rates: approximate
// reference rates (units of currency per 1 USD, rounded, in the range of ECB/central-bank reference rates of
// late 2025), hand-entered on the date below. Good enough to compare salaries across countries; bump
// EXTRACTOR_VERSION when the table is refreshed.

export const FX_TABLE = {
  date: '2026-11-27',
  source:
    'approximate reference rates (ECB euro foreign exchange reference rates, late-2025 levels), static table, not live',
  perUsd: {
    USD: 1,
    EUR: 0.86,
    GBP: 0.76,
    CAD: 1.39,
    AUD: 1.53,
    NZD: 1.74,
    CHF: 0.8,
    SEK: 9.5,
    NOK: 10.1,
    DKK: 6.45,
    PLN: 3.65,
    CZK: 21,
    HUF: 330,
    RON: 4.4,
    BGN: 1.68,
    ISK: 127,
    RSD: 101,
    TRY: 42,
    UAH: 41.5,
    ILS: 3.3,
    AED: 3.67,
    INR: 88.5,
    SGD: 1.3,
    HKD: 7.78,
    JPY: 154,
    CNY: 7.1,
    KRW: 1450,
    TWD: 31,
    BRL: 5.35,
    MXN: 18.4,
    ARS: 1450,
    COP: 3800,
    CLP: 940,
    ZAR: 17.3,
    NGN: 1450,
    KES: 129,
  } as Record<string, number>,
}

/** Amount in USD, or null for a currency the table does not know. */
export function toUsd(amount: number, currency: string): number | null {
  const rate = FX_TABLE.perUsd[currency]
  return rate ? Math.round(amount / rate) : null
}
