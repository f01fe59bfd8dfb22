import type { BucketStorage, CleanupBucket } from "../collectors/s3.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import type { CleanupItem, CostLine } from "../report.js";
import { MAX_VERSION_PAGES } from "../snapshot.js";
import { costLine, formatBytes, GiB, makeItem, say, type Pricing } from "./context.js";

/** One line per storage class, every version counted (each one bills). */
function storageLines(p: Pricing, storage: BucketStorage): { costs: CostLine[]; bytes: number } {
  let bytes = 0;
  const costs = Object.entries(storage.bytesByStorageClass)
    .sort()
    .map(([storageClass, classBytes]) => {
      bytes += classBytes;
      const gb = classBytes / GiB;
      const free = storageClass === "STANDARD" ? "s3-standard-gb" : undefined;
      return costLine(p, say(p, "line", "storageClass", { storageClass, size: Math.round(gb * 1000) / 1000 }), gb, "GB-month", p.prices.s3GbMonth[storageClass], free);
    });
  return { costs, bytes };
}

export function bucketItem(p: Pricing, bucket: CleanupBucket): CleanupItem {
  const storage = bucket.storage;
  const notes: string[] = [];
  const { costs, bytes } = storage ? storageLines(p, storage) : { costs: [], bytes: 0 };
  if (storage) {
    if (!storage.complete) notes.push(say(p, "note", "bucketPartial", { count: MAX_VERSION_PAGES * 1000 }));
    if (storage.versioned) notes.push(say(p, "note", "bucketVersioned"));
    if (bytes > 0) notes.push(say(p, "note", "s3Requests"));
  } else {
    notes.push(say(p, "note", "bucketUnreadable"));
  }
  if (!bucket.region) notes.push(say(p, "note", "bucketRegionUnknown"));
  const objects = storage ? storage.objects + storage.noncurrentVersions : 0;
  const empty = storage !== null && objects === 0 && storage.deleteMarkers === 0;
  const summary = !storage
    ? say(p, "summary", "bucketUnread")
    : empty
      ? say(p, "summary", "bucketEmpty")
      : say(p, "summary", "bucket", { objects, size: formatBytes(bytes) });
  return makeItem(
    p,
    {
      type: "s3-bucket",
      id: bucket.name,
      name: null,
      state: null,
      summary,
      costs,
      deleteCommands: [cmd.deleteBucket(bucket.name, p.region, !empty && !storage?.versioned)],
      notes,
    },
    { unknownCost: !storage || !storage.complete },
  );
}
