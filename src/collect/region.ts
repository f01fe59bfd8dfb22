export const FALLBACK_REGION = "us-east-1";

/**
 * The region to grade: --region, then the SDK's own chain (AWS_REGION, the profile's
 * `region` in ~/.aws/config), then AWS_DEFAULT_REGION as the AWS CLI reads it, then us-east-1.
 */
export async function resolveRegion(
  flag: string | undefined,
  profile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  if (flag) return flag;
  const { STSClient } = await import("@aws-sdk/client-sts");
  const client = new STSClient(profile ? { profile } : {});
  try {
    const region = await client.config.region();
    if (region) return region;
  } catch {
    // no region configured anywhere the SDK looks
  } finally {
    client.destroy();
  }
  return env["AWS_DEFAULT_REGION"] || FALLBACK_REGION;
}
