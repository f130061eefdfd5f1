/**
 * Code-unit order of two strings, independent of the runtime's locale (unlike
 * `localeCompare`), so sorted output is the same on every machine.
 */
export function compareText(first: string, second: string): number {
  if (first < second) {
    return -1;
  }
  return first > second ? 1 : 0;
}
