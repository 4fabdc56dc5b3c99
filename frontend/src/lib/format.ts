// Display helpers. Amounts are integers of centimes everywhere (as in Go's
// domain.Money); they become text only here, at the edge.

/**
 * formatMAD formats an amount in centimes the way Go's domain.Money.FormatMAD
 * does, byte for byte: thousands grouped with a space, a decimal comma, two
 * decimals and the currency — 123456 → "1 234,56 MAD", -5 → "-0,05 MAD".
 * A value that is not a safe integer (a float, NaN, beyond 2^53) is a bug in
 * the caller and throws a RangeError rather than printing a wrong amount.
 */
export function formatMAD(centimes: number): string {
  if (!Number.isSafeInteger(centimes)) {
    throw new RangeError(`formatMAD: ${String(centimes)} is not a whole number of centimes`);
  }
  const neg = centimes < 0;
  const abs = Math.abs(centimes);
  const cents = abs % 100;
  const whole = String((abs - cents) / 100);
  let grouped = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) grouped += ' ';
    grouped += whole[i];
  }
  return `${neg ? '-' : ''}${grouped},${String(cents).padStart(2, '0')} MAD`;
}
