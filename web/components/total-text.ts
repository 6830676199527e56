import type { Total } from '../../contract/common.ts';

const number = new Intl.NumberFormat('en-GB');

/** "1,234 alerts", "1 alert", or "10,000+ alerts" past the count's cap. */
export function totalText(total: Total, one: string, many: string): string {
  const n = `${number.format(total.count)}${total.exact ? '' : '+'}`;
  return `${n} ${total.count === 1 && total.exact ? one : many}`;
}
