import { AutoScalingClient, paginateDescribeAutoScalingGroups, type AutoScalingGroup } from "@aws-sdk/client-auto-scaling";
import {
  DescribeConfigurationSettingsCommand,
  DescribeEnvironmentResourcesCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient,
  type ConfigurationOptionSetting,
  type ConfigurationSettingsDescription,
  type EnvironmentDescription,
  type EnvironmentResourceDescription,
} from "@aws-sdk/client-elastic-beanstalk";
import { beanstalkOptionValue } from "../src/collect/beanstalk-option.js";
import { defineCollector, type CollectContext } from "../src/collect/collector.js";
import { collectPages, isoDate } from "../src/collect/pages.js";
import { isSecretName, REDACTED, redactText, redactValue, urlPassword } from "../src/core/secrets.js";

/** An option's value: a number where AWS's string is a plain number («2», «70»), else AWS's string. */
export type OptionValue = string | number;

/**
 * The environment's Auto Scaling group as it runs now. Elastic Beanstalk writes its options into
 * the group, but a student may change the group by hand (EC2 console → Auto Scaling groups), and
 * an environment that is scaling has more instances than its minimum.
 */
export interface LiveAutoScalingGroup {
  name: string;
  minSize: number | null;
  maxSize: number | null;
  desiredCapacity: number | null;
  /** Instances whose LifecycleState is InService: not Pending, Terminating, Standby… */
  inService: number;
  instances: number;
}

export interface BeanstalkEnvironmentFacts {
  environmentName: string;
  environmentId: string | null;
  environmentArn: string | null;
  applicationName: string | null;
  versionLabel: string | null;
  /** Launching, Updating, Ready, Terminating, Terminated, … */
  status: string | null;
  /** Green, Yellow, Red, Grey. */
  health: string | null;
  /** Enhanced health: Ok, Warning, Degraded, Severe, … */
  healthStatus: string | null;
  solutionStackName: string | null;
  platformArn: string | null;
  /** WebServer or Worker. */
  tier: string | null;
  cname: string | null;
  endpointUrl: string | null;
  dateUpdated: string | null;
  /** `aws:elasticbeanstalk:environment` EnvironmentType: LoadBalanced or SingleInstance. */
  environmentType: string | null;
  loadBalancerType: string | null;
  /** Option settings by namespace, then option name: options["aws:autoscaling:asg"].MinSize === 2. */
  options: Record<string, Record<string, OptionValue>>;
  /** `aws:autoscaling:scheduledaction` options by action (their ResourceName), which share option names. */
  scheduledActions: Record<string, Record<string, OptionValue>>;
  /** Environment properties (`aws:elasticbeanstalk:application:environment`), secret-looking values redacted. */
  environmentProperties: Record<string, string>;
  /** Names of properties fetched from Secrets Manager / Parameter Store (`…:environmentsecrets`). */
  environmentSecrets: string[];
  /** Names of environment properties that hold a secret in plain text; never their values. */
  plaintextSecrets: string[];
  autoScalingGroups: string[];
  /** The first of `autoScalingGroups` as Auto Scaling describes it; null when it could not be read. */
  autoScalingGroup: LiveAutoScalingGroup | null;
  loadBalancers: string[];
  instances: string[];
  /** Results of the lab's HTTP probes, by probe id; filled by the probe stage. */
  probes: Record<string, unknown>;
  /** Errors about this environment alone (a probe that timed out). */
  errors: unknown[];
}

export interface ElasticBeanstalkFacts {
  environments: BeanstalkEnvironmentFacts[];
}

const ENV_PROPERTIES = "aws:elasticbeanstalk:application:environment";
const ENV_SECRETS = "aws:elasticbeanstalk:application:environmentsecrets";
const ENVIRONMENT = "aws:elasticbeanstalk:environment";
const SCHEDULED = "aws:autoscaling:scheduledaction";

/** A value that points at a secret instead of holding it: an ARN of Secrets Manager or SSM, or a dynamic reference. */
function isSecretReference(value: string): boolean {
  return /^arn:aws[\w-]*:(secretsmanager|ssm):/i.test(value) || /^\{\{resolve:(ssm|ssm-secure|secretsmanager):/i.test(value);
}

/** Environment properties as a snapshot may hold them, and the names of those that carry a plain secret. */
export function environmentProperties(settings: ConfigurationOptionSetting[]): {
  properties: Record<string, string>;
  plaintextSecrets: string[];
} {
  const properties: Record<string, string> = {};
  const plaintextSecrets: string[] = [];
  for (const s of settings) {
    if (s.Namespace !== ENV_PROPERTIES || !s.OptionName) continue;
    const value = s.Value ?? "";
    properties[s.OptionName] = redactValue(s.OptionName, value);
    // A plain secret: a secret name's value that is not a reference to a secret store, a password
    // inside a URL (postgres://user:password@host/db) or an access key id under a neutral name.
    const plain = isSecretName(s.OptionName) ? value.trim() !== "" && !isSecretReference(value.trim()) : urlPassword(value) !== undefined || redactText(value) !== value;
    if (plain) plaintextSecrets.push(s.OptionName);
  }
  return { properties, plaintextSecrets: plaintextSecrets.sort() };
}

/** «2» → 2 so labs compare numbers; see src/collect/beanstalk-option.ts, shared with .ebextensions. */
export function optionValue(value: string | undefined): OptionValue {
  return beanstalkOptionValue(value ?? "");
}

/** AWS's flat OptionSettings list as namespace → option → value, secrets redacted, env properties apart. */
export function optionsByNamespace(settings: ConfigurationOptionSetting[]): {
  options: Record<string, Record<string, OptionValue>>;
  scheduledActions: Record<string, Record<string, OptionValue>>;
} {
  const options: Record<string, Record<string, OptionValue>> = {};
  const scheduledActions: Record<string, Record<string, OptionValue>> = {};
  for (const s of settings) {
    if (!s.Namespace || !s.OptionName || s.Namespace === ENV_PROPERTIES || s.Namespace === ENV_SECRETS) continue;
    // aws:rds:dbinstance DBPassword and the like never enter a snapshot.
    const value = isSecretName(s.OptionName) && s.Value ? REDACTED : optionValue(s.Value);
    if (s.Namespace === SCHEDULED) {
      const action = s.ResourceName ?? "";
      (scheduledActions[action] ??= {})[s.OptionName] = value;
    } else {
      (options[s.Namespace] ??= {})[s.OptionName] = value;
    }
  }
  return { options, scheduledActions };
}

/** The configuration set in force: an environment being updated also has a draft («pending» or «failed»). */
function deployedSettings(descriptions: ConfigurationSettingsDescription[] | undefined): ConfigurationOptionSetting[] {
  const list = descriptions ?? [];
  const deployed = list.find((d) => d.DeploymentStatus === "deployed") ?? list[0];
  return deployed?.OptionSettings ?? [];
}

function text(value: string | undefined): string | null {
  return value ? value : null;
}

function names(items: { Name?: string | undefined }[] | undefined): string[] {
  return (items ?? []).flatMap((i) => (i.Name ? [i.Name] : []));
}

export function liveGroupFacts(group: AutoScalingGroup): LiveAutoScalingGroup {
  const instances = group.Instances ?? [];
  return {
    name: group.AutoScalingGroupName ?? "",
    minSize: group.MinSize ?? null,
    maxSize: group.MaxSize ?? null,
    desiredCapacity: group.DesiredCapacity ?? null,
    inService: instances.filter((i) => i.LifecycleState === "InService").length,
    instances: instances.length,
  };
}

export function environmentFacts(
  env: EnvironmentDescription,
  settings: ConfigurationOptionSetting[],
  resources: EnvironmentResourceDescription | undefined,
  group: LiveAutoScalingGroup | null = null,
): BeanstalkEnvironmentFacts {
  const { options, scheduledActions } = optionsByNamespace(settings);
  const { properties, plaintextSecrets } = environmentProperties(settings);
  const environment = options[ENVIRONMENT] ?? {};
  return {
    environmentName: env.EnvironmentName ?? "",
    environmentId: text(env.EnvironmentId),
    environmentArn: text(env.EnvironmentArn),
    applicationName: text(env.ApplicationName),
    versionLabel: text(env.VersionLabel),
    status: text(env.Status),
    health: text(env.Health),
    healthStatus: text(env.HealthStatus),
    solutionStackName: text(env.SolutionStackName),
    platformArn: text(env.PlatformArn),
    tier: text(env.Tier?.Name),
    cname: text(env.CNAME),
    endpointUrl: text(env.EndpointURL),
    dateUpdated: isoDate(env.DateUpdated),
    environmentType: typeof environment["EnvironmentType"] === "string" ? environment["EnvironmentType"] || null : null,
    loadBalancerType: typeof environment["LoadBalancerType"] === "string" ? environment["LoadBalancerType"] || null : null,
    options,
    scheduledActions,
    environmentProperties: properties,
    environmentSecrets: settings
      .flatMap((s) => (s.Namespace === ENV_SECRETS && s.OptionName ? [s.OptionName] : []))
      .sort(),
    plaintextSecrets,
    autoScalingGroups: names(resources?.AutoScalingGroups),
    autoScalingGroup: group,
    loadBalancers: names(resources?.LoadBalancers),
    instances: (resources?.Instances ?? []).flatMap((i) => (i.Id ? [i.Id] : [])),
    probes: {},
    errors: [],
  };
}

/** Every environment of the region; terminated ones only while AWS still lists them. */
export async function listEnvironments(ctx: CollectContext): Promise<EnvironmentDescription[] | undefined> {
  const client = ctx.clients.get(ElasticBeanstalkClient, ctx.region);
  return ctx.attempt("elasticbeanstalk:DescribeEnvironments", async () => {
    // The SDK ships no paginator for DescribeEnvironments, though the API pages with NextToken.
    const environments: EnvironmentDescription[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const page = await client.send(new DescribeEnvironmentsCommand({ IncludeDeleted: false, ...(token ? { NextToken: token } : {}) }));
      environments.push(...(page.Environments ?? []));
      token = page.NextToken && !seen.has(page.NextToken) ? page.NextToken : undefined;
      if (token) seen.add(token);
    } while (token);
    return environments;
  });
}

/** The environment's group as it runs now: the first group Beanstalk names (an environment has one). */
async function liveGroup(ctx: CollectContext, groupNames: string[], target: string): Promise<LiveAutoScalingGroup | null> {
  const wanted = groupNames[0];
  if (!wanted) return null;
  const client = ctx.clients.get(AutoScalingClient, ctx.region);
  const groups = await ctx.attempt(
    "autoscaling:DescribeAutoScalingGroups",
    () => collectPages(paginateDescribeAutoScalingGroups({ client }, { AutoScalingGroupNames: [wanted] }), (p) => p.AutoScalingGroups),
    target,
  );
  const group = groups?.find((g) => g.AutoScalingGroupName === wanted);
  return group ? liveGroupFacts(group) : null;
}

/**
 * Read by Elastic Beanstalk itself, on the caller's behalf: DescribeEnvironmentResources reads the
 * environment's CloudFormation stack and the resources it lists (AWS documents that it answers
 * InsufficientPrivileges without them), DescribeConfigurationSettings reads the account's S3
 * buckets. calificar never sends these; they are declared so the shipped policy grants them. Each
 * is in AWSElasticBeanstalkReadOnly; docs/decisions.md says how the list was chosen.
 */
export const READ_BY_BEANSTALK = [
  "cloudformation:DescribeStackResource",
  "cloudformation:DescribeStackResources",
  "cloudformation:DescribeStacks",
  "autoscaling:DescribeLaunchConfigurations",
  "ec2:DescribeInstances",
  "ec2:DescribeLaunchTemplates",
  "elasticloadbalancing:DescribeLoadBalancers",
  "sqs:ListQueues",
  "s3:ListAllMyBuckets",
  "s3:GetBucketLocation",
] as const;

export default defineCollector<ElasticBeanstalkFacts>({
  service: "elasticbeanstalk",
  actions: [
    "elasticbeanstalk:DescribeEnvironments",
    "elasticbeanstalk:DescribeConfigurationSettings",
    "elasticbeanstalk:DescribeEnvironmentResources",
    "autoscaling:DescribeAutoScalingGroups",
    ...READ_BY_BEANSTALK,
  ],
  async collect(ctx) {
    const client = ctx.clients.get(ElasticBeanstalkClient, ctx.region);
    const listed = (await listEnvironments(ctx)) ?? [];
    // Per environment, its configuration and its resources at once, then its live group: two round
    // trips of wall time for every environment together. Every environment is read, even with
    // --environment, so the report can say what the others score.
    const environments = await Promise.all(
      listed.map(async (env) => {
        const name = env.EnvironmentName ?? "";
        // A terminated environment has no configuration left to read; the lab's `where` drops it.
        if (env.Status === "Terminated") return environmentFacts(env, [], undefined);
        const [config, [resources, group]] = await Promise.all([
          env.ApplicationName && name
            ? ctx.attempt(
                "elasticbeanstalk:DescribeConfigurationSettings",
                () => client.send(new DescribeConfigurationSettingsCommand({ ApplicationName: env.ApplicationName, EnvironmentName: name })),
                name,
              )
            : undefined,
          ctx
            .attempt(
              "elasticbeanstalk:DescribeEnvironmentResources",
              () =>
                client.send(
                  new DescribeEnvironmentResourcesCommand(env.EnvironmentId ? { EnvironmentId: env.EnvironmentId } : { EnvironmentName: name }),
                ),
              name,
            )
            .then(async (r) => [r, await liveGroup(ctx, names(r?.EnvironmentResources?.AutoScalingGroups), name)] as const),
        ]);
        return environmentFacts(env, deployedSettings(config?.ConfigurationSettings), resources?.EnvironmentResources, group);
      }),
    );
    return { environments };
  },
  async locate(ctx) {
    const listed = await listEnvironments(ctx);
    return listed?.filter((e) => e.Status !== "Terminated").map((e) => e.EnvironmentName ?? e.EnvironmentId ?? "");
  },
});
