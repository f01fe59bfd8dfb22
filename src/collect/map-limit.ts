import pMap from "p-map";

/** `fn` over `items`, at most `limit` at a time, results in input order: the one worker pool (p-map). */
export function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  return pMap(items, (item) => fn(item), { concurrency: Math.max(1, limit) });
}
