// Two (or more) sides measured in one run take turns in short slices, so that load the machine gets
// from elsewhere (or a process placement that favours one) falls on every side alike. Measured one
// window after the other, two runs of the same server at 100 connections differed by 2x on 2 Dec.

/** Counted slices per side in one run. */
export const SLICES = 10;
/** After a side starts, before its slice is counted: its requests are out and being answered. */
export const SETTLE_MS = 100;

/**
 * The order of the slices: A B B A A B ... for two sides, A B C C B A ... for three, so that no side
 * always follows another; `round` (the run's number) shifts it from run to run.
 */
export function sliceOrder(sides: number, round: number): number[] {
  const there = Array.from({ length: sides }, (_, k) => (k + round) % sides);
  const pattern = [...there, ...[...there].reverse()];
  return Array.from({ length: sides * SLICES }, (_, i) => pattern[i % pattern.length] as number);
}
