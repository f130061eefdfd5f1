/**
 * The known name closest to a mistyped one, by edit distance (insertions, deletions and
 * substitutions, case ignored), or undefined when none is close enough to be a likely typo:
 * at most a third of the name's length, and at least 1.
 */
export function closestName(name: string, knownNames: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  const maxDistance = Math.max(1, Math.floor(wanted.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const known of knownNames) {
    const distance = editDistance(wanted, known.toLowerCase());
    if (distance <= maxDistance && (best === undefined || distance < best.distance)) {
      best = { name: known, distance };
    }
  }
  return best?.name;
}

/** Levenshtein distance, one row at a time. */
export function editDistance(from: string, to: string): number {
  let previous = Array.from({ length: to.length + 1 }, (_, index) => index);
  for (let i = 1; i <= from.length; i++) {
    const current = [i];
    for (let j = 1; j <= to.length; j++) {
      const substitution = previous[j - 1] + (from[i - 1] === to[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[to.length];
}
