// Near-match suggestions ("did you mean …?") for profile names, config keys and the like.

/** Damerau-free Levenshtein distance; inputs are short names, so the O(n·m) table is fine. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** Candidates within a distance proportional to the word's length, closest first, case-insensitively. */
export function findSimilarNames(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = word.toLowerCase();
  const threshold = Math.max(2, Math.floor(word.length / 3));
  return [...candidates]
    .map((candidate) => {
      const other = candidate.toLowerCase();
      const distance = other.startsWith(lower) || lower.startsWith(other) ? 1 : editDistance(lower, other);
      return { candidate, distance };
    })
    .filter(({ distance }) => distance <= threshold)
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
