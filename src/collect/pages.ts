import type { Tag } from "@aws-sdk/client-ec2";

/** An answer of the wrong shape (a list that is not one): recorded like an SDK error, as data. */
export class MalformedResponseError extends Error {
  override readonly name = "MalformedResponse";
  readonly $fault = "server";
  readonly $metadata = {};
}

/** Every item of a paginated listing: the SDK's paginator keeps the tokens, we keep the items. */
export async function collectPages<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) {
    const list: unknown = pick(page) ?? [];
    // The SDK does not check an answer's shape: a list that is not one would crash a collector.
    if (!Array.isArray(list)) throw new MalformedResponseError(`a page's list is a ${typeof list}, not a list`);
    // A null item is no resource.
    items.push(...(list as T[]).filter((item) => item !== null && item !== undefined));
  }
  return items;
}

/** AWS's tag list as a map; tags without a key are dropped. */
export function tagMap(tags: readonly Pick<Tag, "Key" | "Value">[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).flatMap((t) => (t.Key ? [[t.Key, t.Value ?? ""]] : [])));
}

/** An ISO date, or null, from what the SDK parsed. */
export function isoDate(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
