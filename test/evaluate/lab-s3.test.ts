import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/core/evaluate.js";
import type { Snapshot } from "../../src/core/snapshot.js";
import { checkTable, gradeOne, readLab, snapshotWith } from "../support/check-table.js";
import { ALL_BLOCKED, BUCKET, COURSE_RULE, blockWithout, denied, withRules } from "../support/s3-facts.js";

// Tables in the shape of ESLint's RuleTester: each row is merged over BUCKET, which passes every
// check of lab-s3, so a row changes only what the student got wrong. Errors on a bucket live on
// the bucket itself (`errors`), as checks/s3.ts records them.

const LAB = readLab("lab-s3");
const NOW = new Date("2026-11-28T10:00:00Z");

const onBucket = (action: string) => ({ facts: { errors: [denied(action)] }, errors: [] });

checkTable("lab-s3", "bucket-exists", BUCKET, {
  passes: [{}, { region: "eu-west-1" }, { region: null }],
  // Not «se esperaba un valor»: the lab says what the value is.
  fails: [{ facts: { name: "" }, found: "(us-east-1)", says: { es: "bucket: se esperaba un bucket con nombre", en: "bucket: expected a bucket with a name" } }],
});

checkTable("lab-s3", "versioning-enabled", BUCKET, {
  passes: [{ versioning: "Enabled" }, { versioning: "Enabled", mfaDelete: "Enabled" }],
  fails: [
    {
      facts: { versioning: "Suspended" },
      found: "Suspended",
      expected: "Enabled",
      says: { es: "control de versiones: se esperaba Enabled, se encontró Suspended", en: "versioning: expected Enabled, found Suspended" },
    },
    // Never turned on: AWS answers no Status at all; the console calls it Disabled.
    { facts: { versioning: null }, found: "Disabled", says: { es: "se encontró Disabled", en: "found Disabled" } },
  ],
  errors: [
    {
      ...onBucket("s3:GetBucketVersioning"),
      says: { es: "falta el permiso s3:GetBucketVersioning (AccessDenied)", en: "the permission s3:GetBucketVersioning is missing (AccessDenied)" },
    },
  ],
});

checkTable("lab-s3", "lifecycle-standard-ia", BUCKET, {
  passes: [
    withRules(COURSE_RULE),
    // Two rules, one per transition, and a prefix: still the course's transitions.
    withRules(
      { ID: "ia", Status: "Enabled", Filter: { Prefix: "datos/" }, Transitions: [{ Days: 30, StorageClass: "STANDARD_IA" }] },
      { ID: "glacier", Status: "Enabled", Filter: {}, Transitions: [{ Days: 365, StorageClass: "GLACIER" }] },
    ),
    // A rule written before filters existed, with the legacy top-level Prefix.
    withRules({ ID: "viejo", Status: "Enabled", Prefix: "", Transitions: [{ Days: 30, StorageClass: "STANDARD_IA" }] }),
  ],
  fails: [
    {
      // NoSuchLifecycleConfiguration: a failure, not an error.
      facts: withRules(),
      found: null,
      expected: "una regla activada (Enabled) que pase las versiones actuales a STANDARD_IA a los 30 días",
      says: {
        es: "transiciones del ciclo de vida: se esperaba una regla activada (Enabled) que pase las versiones actuales a STANDARD_IA a los 30 días, no se encontró nada",
        en: "lifecycle transitions: expected an Enabled rule moving current versions to STANDARD_IA after 30 days, found nothing",
      },
    },
    {
      facts: withRules({ ...COURSE_RULE, Status: "Disabled" }),
      found: "STANDARD_IA 30d (Disabled), GLACIER 365d (Disabled)",
      says: { es: "se encontró STANDARD_IA 30d (Disabled), GLACIER 365d (Disabled)", en: "found STANDARD_IA 30d (Disabled), GLACIER 365d (Disabled)" },
    },
    { facts: withRules({ ...COURSE_RULE, Transitions: [{ Days: 60, StorageClass: "STANDARD_IA" }] }), found: "STANDARD_IA 60d (Enabled)" },
    { facts: withRules({ ...COURSE_RULE, Transitions: [{ Days: 30, StorageClass: "ONEZONE_IA" }] }), found: "ONEZONE_IA 30d (Enabled)" },
    // Only older versions move: the course's rule is about current objects.
    {
      facts: withRules({ ID: "viejas", Status: "Enabled", Filter: {}, NoncurrentVersionTransitions: [{ NoncurrentDays: 30, StorageClass: "STANDARD_IA" }] }),
      // AWS's own field name, the same in every language (a Spanish report said «30d noncurrent»).
      found: "STANDARD_IA NoncurrentDays=30 (Enabled)",
    },
    // A transition on a date instead of an age.
    {
      facts: withRules({ ...COURSE_RULE, Transitions: [{ Date: new Date("2027-01-01T00:00:00Z"), StorageClass: "STANDARD_IA" }] }),
      found: "STANDARD_IA 2027-01-01T00:00:00.000Z (Enabled)",
    },
  ],
  errors: [
    {
      ...onBucket("s3:GetLifecycleConfiguration"),
      says: { es: "falta el permiso s3:GetLifecycleConfiguration", en: "the permission s3:GetLifecycleConfiguration is missing" },
    },
  ],
});

const glacierAt = (Days: number, StorageClass: "GLACIER" | "GLACIER_IR" | "DEEP_ARCHIVE" | "STANDARD_IA") =>
  withRules({ ...COURSE_RULE, Transitions: [{ Days: 30, StorageClass: "STANDARD_IA" }, { Days, StorageClass }] });

checkTable("lab-s3", "lifecycle-glacier", BUCKET, {
  passes: [glacierAt(365, "GLACIER"), glacierAt(365, "GLACIER_IR"), glacierAt(365, "DEEP_ARCHIVE")],
  fails: [
    {
      facts: glacierAt(180, "GLACIER"),
      found: "STANDARD_IA 30d (Enabled), GLACIER 180d (Enabled)",
      expected: "una regla activada (Enabled) que pase las versiones actuales a GLACIER a los 365 días (GLACIER_IR o DEEP_ARCHIVE también valen)",
      says: {
        es: "se esperaba una regla activada (Enabled) que pase las versiones actuales a GLACIER a los 365 días (GLACIER_IR o DEEP_ARCHIVE también valen), se encontró STANDARD_IA 30d (Enabled), GLACIER 180d (Enabled)",
        en: "expected an Enabled rule moving current versions to GLACIER after 365 days (GLACIER_IR or DEEP_ARCHIVE are accepted too), found STANDARD_IA 30d (Enabled), GLACIER 180d (Enabled)",
      },
    },
    { facts: glacierAt(365, "STANDARD_IA"), found: "STANDARD_IA 30d (Enabled), STANDARD_IA 365d (Enabled)" },
    { facts: withRules({ ...COURSE_RULE, Status: "Disabled" }), found: "STANDARD_IA 30d (Disabled), GLACIER 365d (Disabled)" },
    { facts: withRules(), found: null, says: { es: "no se encontró nada", en: "found nothing" } },
  ],
  errors: [{ ...onBucket("s3:GetLifecycleConfiguration"), says: { es: "s3:GetLifecycleConfiguration", en: "s3:GetLifecycleConfiguration" } }],
});

checkTable("lab-s3", "default-encryption", BUCKET, {
  passes: [
    { defaultEncryption: { sseAlgorithm: "AES256", kmsMasterKeyId: null, bucketKeyEnabled: null } },
    { defaultEncryption: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", bucketKeyEnabled: true } },
    { defaultEncryption: { sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: null, bucketKeyEnabled: false } },
  ],
  fails: [
    {
      // ServerSideEncryptionConfigurationNotFoundError: no default encryption.
      facts: { defaultEncryption: null },
      found: null,
      expected: "SSE-S3 (AES256) o SSE-KMS (aws:kms)",
      says: {
        es: "cifrado predeterminado: se esperaba SSE-S3 (AES256) o SSE-KMS (aws:kms), no se encontró nada",
        en: "default encryption: expected SSE-S3 (AES256) or SSE-KMS (aws:kms), found nothing",
      },
    },
  ],
  errors: [
    {
      ...onBucket("s3:GetEncryptionConfiguration"),
      says: { es: "falta el permiso s3:GetEncryptionConfiguration (AccessDenied)", en: "the permission s3:GetEncryptionConfiguration is missing (AccessDenied)" },
    },
  ],
});

checkTable("lab-s3", "public-access-blocked", BUCKET, {
  passes: [
    { publicAccessBlock: ALL_BLOCKED, accountPublicAccessBlock: null },
    // Only the account blocks: that covers every bucket.
    { publicAccessBlock: null, accountPublicAccessBlock: ALL_BLOCKED },
    { publicAccessBlock: blockWithout("blockPublicPolicy", "restrictPublicBuckets"), accountPublicAccessBlock: ALL_BLOCKED },
  ],
  fails: [
    {
      facts: { publicAccessBlock: null, accountPublicAccessBlock: null },
      says: {
        es: "Bloquear acceso público: se esperaba todo activado —las 4 opciones: blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets— en el bucket o en toda la cuenta, se encontró activadas en el bucket: nada · activadas en la cuenta: nada",
        en: "Block Public Access: expected all 4 settings (blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets) on for the bucket or for the whole account, found on for the bucket: nothing · on for the account: nothing",
      },
    },
    {
      facts: { publicAccessBlock: blockWithout("ignorePublicAcls"), accountPublicAccessBlock: blockWithout("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets") },
      says: {
        es: "se encontró activadas en el bucket: blockPublicAcls, blockPublicPolicy, restrictPublicBuckets · activadas en la cuenta: nada",
        en: "found on for the bucket: blockPublicAcls, blockPublicPolicy, restrictPublicBuckets · on for the account: nothing",
      },
    },
    {
      facts: { publicAccessBlock: blockWithout("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"), accountPublicAccessBlock: blockWithout("restrictPublicBuckets") },
      says: {
        es: "se encontró activadas en el bucket: nada · activadas en la cuenta: blockPublicAcls, ignorePublicAcls, blockPublicPolicy",
        en: "found on for the bucket: nothing · on for the account: blockPublicAcls, ignorePublicAcls, blockPublicPolicy",
      },
    },
  ],
  errors: [
    { ...onBucket("s3:GetBucketPublicAccessBlock"), says: { es: "s3:GetBucketPublicAccessBlock", en: "s3:GetBucketPublicAccessBlock" } },
    // checks/s3.ts puts the account's denial only on buckets that do not block everything themselves.
    {
      facts: { publicAccessBlock: null, errors: [denied("s3:GetAccountPublicAccessBlock", "123456789012")] },
      errors: [],
      says: { es: "falta el permiso s3:GetAccountPublicAccessBlock", en: "the permission s3:GetAccountPublicAccessBlock is missing" },
    },
  ],
});

describe("lab-s3 notes on accepted alternatives", () => {
  const glacier = (result: ReturnType<typeof gradeOne>) => result.checks.find((c) => c.id === "lifecycle-glacier")!;

  it.each(["GLACIER_IR", "DEEP_ARCHIVE"] as const)("passes %s at 365 days and says the course uses GLACIER", (storageClass) => {
    const es = glacier(gradeOne(LAB, { ...BUCKET, ...glacierAt(365, storageClass) }, {}, "es"));
    expect(es).toMatchObject({ status: "passed", points: 2 });
    expect(es.message).toContain(`${storageClass} 365d (Enabled)`);
    expect(es.message).toContain("se acepta, aunque el curso usa GLACIER (Glacier Flexible Retrieval)");
    expect(es.notes).toEqual([expect.stringMatching(/^se acepta, aunque el curso usa GLACIER/)]);
    const en = glacier(gradeOne(LAB, { ...BUCKET, ...glacierAt(365, storageClass) }, {}, "en"));
    expect(en.message).toContain("accepted, though the course uses GLACIER (Glacier Flexible Retrieval)");
  });

  it("adds no note when the rule uses GLACIER, even beside GLACIER_IR", () => {
    const plain = glacier(gradeOne(LAB, BUCKET));
    expect(plain).toMatchObject({ status: "passed", message: "transiciones del ciclo de vida: STANDARD_IA 30d (Enabled), GLACIER 365d (Enabled)" });
    const both = withRules({ ...COURSE_RULE, Transitions: [...COURSE_RULE.Transitions!, { Days: 365, StorageClass: "GLACIER_IR" }] });
    expect(glacier(gradeOne(LAB, { ...BUCKET, ...both })).message).not.toContain("se acepta");
    expect(plain.notes).toBeUndefined();
  });

  it("adds no note to a failure", () => {
    const failed = glacier(gradeOne(LAB, { ...BUCKET, ...glacierAt(180, "GLACIER_IR") }));
    expect(failed.status).toBe("failed");
    expect(failed.message).not.toContain("se acepta");
  });
});

describe("lab-s3 which bucket is graded", () => {
  const snapshot = (buckets: object[], extra: Partial<Snapshot> = {}): Snapshot => ({
    ...snapshotWith(LAB, null),
    ...extra,
    facts: { s3: { accountId: "123456789012", accountPublicAccessBlock: null, buckets } },
  });

  it("grades the best bucket across regions, names its region, and lists the others", () => {
    const result = evaluate(
      LAB,
      snapshot([
        { ...BUCKET, name: "pruebas", versioning: null, ...withRules(), defaultEncryption: null },
        { ...BUCKET, name: "curso-eu", region: "eu-west-1" },
      ]),
      { lang: "es", now: NOW },
    );
    expect(result.resource).toMatchObject({ kind: "bucket de S3", id: "curso-eu", region: "eu-west-1" });
    expect(result.resource?.others).toEqual([{ id: "pruebas", name: null, score: 3 }]);
    expect(result.region).toBe("us-east-1");
    expect(result.passed).toBe(true);
  });

  it("grades the bucket named with --bucket, even a worse one", () => {
    const result = evaluate(LAB, snapshot([{ ...BUCKET, name: "bueno" }, { ...BUCKET, name: "malo", versioning: "Suspended" }]), {
      lang: "en",
      now: NOW,
      select: "malo",
    });
    expect(result.resource).toMatchObject({ id: "malo", others: [{ id: "bueno", score: 10 }] });
    expect(result.checks.find((c) => c.id === "versioning-enabled")).toMatchObject({ status: "failed", message: "versioning: expected Enabled, found Suspended" });
  });

  it("keeps one bucket's denied call on that bucket: the other is still graded", () => {
    const result = evaluate(
      LAB,
      snapshot([
        { ...BUCKET, name: "ajeno", defaultEncryption: null, errors: [denied("s3:GetEncryptionConfiguration", "ajeno")] },
        { ...BUCKET, name: "mio" },
      ]),
      { lang: "es", now: NOW, select: "ajeno" },
    );
    expect(result.checks.find((c) => c.id === "default-encryption")?.status).toBe("error");
    const mine = evaluate(LAB, snapshot([{ ...BUCKET, name: "ajeno", errors: [denied("s3:GetEncryptionConfiguration", "ajeno")] }, { ...BUCKET, name: "mio" }]), {
      lang: "es",
      now: NOW,
      select: "mio",
    });
    expect(mine.checks.every((c) => c.status === "passed")).toBe(true);
  });

  it("fails every check, not errors, when the account has no bucket, and says it looked in every region", () => {
    const result = evaluate(LAB, snapshot([]), { lang: "es", now: NOW });
    expect(result.resource).toBeNull();
    expect(result.checks.every((c) => c.status === "failed")).toBe(true);
    expect(result.notes.join(" ")).toContain("calificar buscó en todas las regiones");
    expect(result.passed).toBe(false);
  });

  it("turns a denied ListBuckets into errors naming s3:ListAllMyBuckets", () => {
    const result = evaluate(LAB, snapshot([], { errors: [{ ...denied("s3:ListAllMyBuckets"), target: undefined as never }] }), { lang: "en", now: NOW });
    expect(result.checks.every((c) => c.status === "error")).toBe(true);
    expect(result.checks[0]!.message).toContain("s3:ListAllMyBuckets");
    expect(result.ungradable).toBe(true);
  });
});
