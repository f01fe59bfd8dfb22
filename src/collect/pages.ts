import type { Tag } from "@aws-sdk/client-ec2";

/** Every item of a paginated listing: the SDK's paginator keeps the tokens, we keep the items. */
export async function collectPages<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...(pick(page) ?? []));
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
