import {
  GetBucketLocationCommand,
  ListObjectVersionsCommand,
  S3Client,
  paginateListBuckets,
  type ListObjectVersionsOutput,
} from "@aws-sdk/client-s3";
import { defineCollector, type CollectContext } from "../../collect/collector.js";
import { MAX_VERSION_PAGES } from "../snapshot.js";
import { mapLimit } from "../../collect/map-limit.js";
import { collectPages, isoDate } from "../../collect/pages.js";
import { locationRegion, s3Client } from "../../collect/s3.js";

/** What a bucket stores, summed from its object versions (every version bills, not only the latest). */
export interface BucketStorage {
  bytesByStorageClass: Record<string, number>;
  objects: number;
  noncurrentVersions: number;
  deleteMarkers: number;
  /** Some version has an id other than "null": emptying it takes more than `aws s3 rb --force`. */
  versioned: boolean;
  /** false when the listing stopped at the page limit: the sums are a lower bound. */
  complete: boolean;
}

export interface CleanupBucket {
  name: string;
  region: string | null;
  creationDate: string | null;
  /** null when the versions could not be listed. */
  storage: BucketStorage | null;
}

export interface CleanupS3Facts {
  buckets: CleanupBucket[];
}

export { MAX_VERSION_PAGES };
const BUCKET_CONCURRENCY = 8;

export function addVersions(storage: BucketStorage, page: Pick<ListObjectVersionsOutput, "Versions" | "DeleteMarkers">): void {
  for (const v of page.Versions ?? []) {
    const storageClass = v.StorageClass ?? "STANDARD";
    storage.bytesByStorageClass[storageClass] = (storage.bytesByStorageClass[storageClass] ?? 0) + (v.Size ?? 0);
    if (v.IsLatest === false) storage.noncurrentVersions++;
    else storage.objects++;
    if (v.VersionId && v.VersionId !== "null") storage.versioned = true;
  }
  storage.deleteMarkers += (page.DeleteMarkers ?? []).length;
  if ((page.DeleteMarkers ?? []).some((m) => m.VersionId && m.VersionId !== "null")) storage.versioned = true;
}

// ListObjectVersions has no SDK paginator: follow its two markers, up to MAX_VERSION_PAGES pages.
async function storageOf(ctx: CollectContext, bucket: string, region: string): Promise<BucketStorage | undefined> {
  const client = s3Client(ctx, region);
  return ctx.attempt(
    "s3:ListBucketVersions",
    async () => {
      const storage: BucketStorage = { bytesByStorageClass: {}, objects: 0, noncurrentVersions: 0, deleteMarkers: 0, versioned: false, complete: true };
      let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
      for (let page = 0; ; page++) {
        if (page === MAX_VERSION_PAGES) {
          storage.complete = false;
          break;
        }
        const answer = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, ...markers }));
        addVersions(storage, answer);
        if (!answer.IsTruncated || !answer.NextKeyMarker) break;
        markers = { KeyMarker: answer.NextKeyMarker, ...(answer.NextVersionIdMarker ? { VersionIdMarker: answer.NextVersionIdMarker } : {}) };
      }
      return storage;
    },
    bucket,
  );
}

export default defineCollector<CleanupS3Facts>({
  service: "cleanup-s3",
  actions: ["s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:ListBucketVersions"],
  async collect(ctx) {
    const client = s3Client(ctx, ctx.region);
    const only = ctx.options.regions ? new Set(ctx.options.regions) : undefined;
    const listed = await ctx.attempt("s3:ListAllMyBuckets", () => collectPages(paginateListBuckets({ client }, {}), (p) => p.Buckets));
    const buckets = await mapLimit(listed ?? [], BUCKET_CONCURRENCY, async (b): Promise<CleanupBucket | null> => {
      const name = b.Name ?? "";
      let region: string | null = b.BucketRegion ?? null;
      if (!region) {
        const location = await ctx.attempt("s3:GetBucketLocation", () => client.send(new GetBucketLocationCommand({ Bucket: name })), name);
        region = location ? locationRegion(location.LocationConstraint) : null;
      }
      // A bucket whose region is unknown is still listed: better shown than silently skipped.
      if (only && region && !only.has(region)) return null;
      const storage = region ? await storageOf(ctx, name, region) : undefined;
      return { name, region, creationDate: isoDate(b.CreationDate), storage: storage ?? null };
    });
    return { buckets: buckets.filter((b): b is CleanupBucket => b !== null) };
  },
});
