/**
 * Formats `value` with `digits` decimals the way C `printf("%.Nf")` (Perl, glibc)
 * and Python `format(value, ".Nf")` do: the exact binary value is rounded, and an
 * exact tie goes to the even digit.
 *
 * Porting note: JS `toFixed` rounds exact ties up (`(75.625).toFixed(2)` is
 * `"75.63"`, Perl and Python print `75.62`), so ties are resolved here by hand.
 *
 * @example
 * formatFixed(75.625, 2); // "75.62"
 * formatFixed(6.25, 1);   // "6.2"
 * formatFixed(2 / 3, 2);  // "0.67"
 */
export function formatFixed(value: number, digits: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e21) return (negative ? '-' : '') + BigInt(magnitude).toString() + (digits > 0 ? `.${'0'.repeat(digits)}` : '');
  const rounded = isExactTie(magnitude, digits) ? roundTieToEven(magnitude, digits) : magnitude.toFixed(digits);
  return negative ? `-${rounded}` : rounded;
}

/** True when the exact decimal expansion of `magnitude` ends in a 5 just after `digits` places. */
function isExactTie(magnitude: number, digits: number): boolean {
  // toFixed(100) is exact for every double >= 1e-20 that could be a tie at <= 20 digits.
  const exact = magnitude.toFixed(100);
  const point = exact.indexOf('.');
  const tail = exact.slice(point + 1 + digits);
  return tail[0] === '5' && /^50*$/.test(tail);
}

/** Rounds an exact tie to the even neighbour, working on the decimal string. */
function roundTieToEven(magnitude: number, digits: number): string {
  const exact = magnitude.toFixed(100);
  const point = exact.indexOf('.');
  const kept = exact.slice(0, point) + exact.slice(point + 1, point + 1 + digits);
  const lastDigit = Number(kept[kept.length - 1]);
  let scaled = BigInt(kept);
  if (lastDigit % 2 === 1) scaled += 1n;
  const text = scaled.toString().padStart(digits + 1, '0');
  if (digits === 0) return text;
  return `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}`;
}
