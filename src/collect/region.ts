import { badInput, UserError } from "../core/errors.js";
import { INPUT } from "../core/messages.js";
import { say } from "../core/text.js";
import { isRegionName } from "../core/aws-names.js";

export const FALLBACK_REGION = "us-east-1";

// A region the SDK cannot put in a hostname makes it throw a plain Error, which would read as our bug.

/** The region as given, or bad input naming where it came from. */
function checked(region: string, from: string): string {
  if (isRegionName(region)) return region;
  throw badInput(say(INPUT.badRegion, { region, from }));
}

/**
 * The region to grade: --region, then the SDK's own chain (AWS_REGION, the profile's
 * `region` in ~/.aws/config), then AWS_DEFAULT_REGION as the AWS CLI reads it, then us-east-1.
 */
export async function resolveRegion(
  flag: string | undefined,
  profile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  if (flag !== undefined) return checked(flag, "--region");
  const { STSClient } = await import("@aws-sdk/client-sts");
  const client = new STSClient(profile ? { profile } : {});
  try {
    const region = await client.config.region();
    if (region) return checked(region, profile ? `AWS_REGION / ~/.aws/config [${profile}]` : "AWS_REGION / ~/.aws/config");
  } catch (err) {
    if (err instanceof UserError) throw err;
    // no region configured anywhere the SDK looks
  } finally {
    client.destroy();
  }
  return env["AWS_DEFAULT_REGION"] ? checked(env["AWS_DEFAULT_REGION"], "AWS_DEFAULT_REGION") : FALLBACK_REGION;
}
