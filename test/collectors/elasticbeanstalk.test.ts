import {
  DescribeConfigurationSettingsCommand,
  DescribeEnvironmentResourcesCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient,
  InsufficientPrivilegesException,
  type ConfigurationOptionSetting,
  type EnvironmentDescription,
} from "@aws-sdk/client-elastic-beanstalk";
import {
  AutoScalingClient,
  AutoScalingServiceException,
  DescribeAutoScalingGroupsCommand,
  type AutoScalingGroup,
  type Instance as AsgInstance,
} from "@aws-sdk/client-auto-scaling";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import collector, { READ_BY_BEANSTALK, optionValue, type ElasticBeanstalkFacts } from "../../checks/elasticbeanstalk.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext, type CollectOptions } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";

// Shapes follow the Elastic Beanstalk API reference: DescribeEnvironments' EnvironmentDescription,
// DescribeConfigurationSettings' ConfigurationSettings[].OptionSettings (a flat list of
// {ResourceName, Namespace, OptionName, Value}, every value a string) and
// DescribeEnvironmentResources' EnvironmentResources; Auto Scaling's DescribeAutoScalingGroups
// (AutoScalingGroups[] with MinSize, MaxSize, DesiredCapacity and Instances[].LifecycleState).

const eb = mockClient(ElasticBeanstalkClient);
const asg = mockClient(AutoScalingClient);
let pool: ClientPool;

beforeEach(() => {
  eb.reset();
  asg.reset();
  // An environment whose group is gone answers no group, not an error.
  asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
});
afterEach(() => pool.destroy());

async function collect(options: CollectOptions = {}, region = "us-east-1") {
  const errors: CallError[] = [];
  const facts = (await collector.collect(makeContext(collector, region, pool, options, errors))) as ElasticBeanstalkFacts;
  return { facts, errors };
}

function environment(name: string, more: Partial<EnvironmentDescription> = {}): EnvironmentDescription {
  return {
    EnvironmentName: name,
    EnvironmentId: `e-${name.replace(/[^a-z0-9]/g, "").slice(0, 10)}`,
    ApplicationName: "mi-app",
    VersionLabel: "app-v1",
    SolutionStackName: "64bit Amazon Linux 2023 v6.1.0 running Node.js 20",
    PlatformArn: "arn:aws:elasticbeanstalk:us-east-1::platform/Node.js 20 running on 64bit Amazon Linux 2023/6.1.0",
    EndpointURL: "awseb-e-7-AWSEBLoa-1XQ2B3C4D5E6F-123456789.us-east-1.elb.amazonaws.com",
    CNAME: `${name}.eba-7hq2xk3m.us-east-1.elasticbeanstalk.com`,
    DateCreated: new Date("2026-11-27T18:02:11.000Z"),
    DateUpdated: new Date("2026-11-28T09:40:00.000Z"),
    Status: "Ready",
    AbortableOperationInProgress: false,
    Health: "Green",
    HealthStatus: "Ok",
    Tier: { Name: "WebServer", Type: "Standard", Version: "1.0" },
    EnvironmentLinks: [],
    EnvironmentArn: `arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/mi-app/${name}`,
    ...more,
  };
}

const opt = (Namespace: string, OptionName: string, Value: string, ResourceName?: string): ConfigurationOptionSetting => ({
  ...(ResourceName ? { ResourceName } : {}),
  Namespace,
  OptionName,
  Value,
});

/** What a load-balanced environment made from the course's steps answers, abridged. */
const COURSE_SETTINGS: ConfigurationOptionSetting[] = [
  opt("aws:autoscaling:asg", "Availability Zones", "Any", "AWSEBAutoScalingGroup"),
  opt("aws:autoscaling:asg", "Cooldown", "360", "AWSEBAutoScalingGroup"),
  opt("aws:autoscaling:asg", "MaxSize", "5", "AWSEBAutoScalingGroup"),
  opt("aws:autoscaling:asg", "MinSize", "2", "AWSEBAutoScalingGroup"),
  opt("aws:autoscaling:launchconfiguration", "InstanceType", "t3.micro"),
  opt("aws:autoscaling:launchconfiguration", "IamInstanceProfile", "aws-elasticbeanstalk-ec2-role"),
  opt("aws:autoscaling:trigger", "BreachDuration", "5", "AWSEBCloudwatchAlarmLow"),
  opt("aws:autoscaling:trigger", "LowerBreachScaleIncrement", "-1", "AWSEBAutoScalingScaleDownPolicy"),
  opt("aws:autoscaling:trigger", "LowerThreshold", "30", "AWSEBCloudwatchAlarmLow"),
  opt("aws:autoscaling:trigger", "MeasureName", "CPUUtilization", "AWSEBCloudwatchAlarmLow"),
  opt("aws:autoscaling:trigger", "Period", "5", "AWSEBCloudwatchAlarmLow"),
  opt("aws:autoscaling:trigger", "Statistic", "Average", "AWSEBCloudwatchAlarmLow"),
  opt("aws:autoscaling:trigger", "Unit", "Percent", "AWSEBCloudwatchAlarmLow"),
  opt("aws:autoscaling:trigger", "UpperBreachScaleIncrement", "1", "AWSEBAutoScalingScaleUpPolicy"),
  opt("aws:autoscaling:trigger", "UpperThreshold", "70", "AWSEBCloudwatchAlarmHigh"),
  opt("aws:elasticbeanstalk:environment", "EnvironmentType", "LoadBalanced"),
  opt("aws:elasticbeanstalk:environment", "LoadBalancerType", "application"),
  opt("aws:elasticbeanstalk:environment", "ServiceRole", "arn:aws:iam::123456789012:role/aws-elasticbeanstalk-service-role"),
  opt("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"),
  opt("aws:elasticbeanstalk:application:environment", "NODE_ENV", "production"),
  opt("aws:elasticbeanstalk:application:environment", "RDS_HOSTNAME", "mi-db.c9akciq32.us-east-1.rds.amazonaws.com"),
  opt("aws:autoscaling:scheduledaction", "MinSize", "1", "noches"),
  opt("aws:autoscaling:scheduledaction", "Recurrence", "0 22 * * *", "noches"),
  opt("aws:autoscaling:scheduledaction", "MinSize", "2", "mananas"),
];

function configFor(name: string, settings: ConfigurationOptionSetting[], deployment: "deployed" | "pending" = "deployed") {
  return {
    SolutionStackName: "64bit Amazon Linux 2023 v6.1.0 running Node.js 20",
    PlatformArn: "arn:aws:elasticbeanstalk:us-east-1::platform/Node.js 20 running on 64bit Amazon Linux 2023/6.1.0",
    ApplicationName: "mi-app",
    EnvironmentName: name,
    DeploymentStatus: deployment,
    DateCreated: new Date("2026-11-27T18:02:11.000Z"),
    DateUpdated: new Date("2026-11-28T09:40:00.000Z"),
    OptionSettings: settings,
  };
}

function resourcesFor(name: string) {
  return {
    EnvironmentResources: {
      EnvironmentName: name,
      AutoScalingGroups: [{ Name: `awseb-e-${name}-stack-AWSEBAutoScalingGroup-QX1Z2Y3W4V5U` }],
      Instances: [{ Id: "i-0a1b2c3d4e5f60718" }, { Id: "i-0b2c3d4e5f6071829" }],
      LaunchConfigurations: [],
      LaunchTemplates: [{ Id: "lt-0f1e2d3c4b5a69788" }],
      LoadBalancers: [{ Name: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/awseb-AWSEB-1XQ2B3C4D5E6F/0123456789abcdef" }],
      Triggers: [],
      Queues: [],
    },
  };
}

const groupName = (env: string) => `awseb-e-${env}-stack-AWSEBAutoScalingGroup-QX1Z2Y3W4V5U`;

function asgInstance(id: string, state: AsgInstance["LifecycleState"]): AsgInstance {
  return {
    InstanceId: id,
    InstanceType: "t3.micro",
    AvailabilityZone: "us-east-1a",
    LifecycleState: state,
    HealthStatus: "Healthy",
    LaunchTemplate: { LaunchTemplateId: "lt-0f1e2d3c4b5a69788", LaunchTemplateName: "AWSEBEC2LaunchTemplate_abc", Version: "1" },
    ProtectedFromScaleIn: false,
  };
}

/** The group Beanstalk made for the environment, as DescribeAutoScalingGroups describes it. */
function group(env: string, more: Partial<AutoScalingGroup> = {}): AutoScalingGroup {
  return {
    AutoScalingGroupName: groupName(env),
    AutoScalingGroupARN: `arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1a2b3c4d-0000-4000-8000-000000000001:autoScalingGroupName/${groupName(env)}`,
    LaunchTemplate: { LaunchTemplateId: "lt-0f1e2d3c4b5a69788", LaunchTemplateName: "AWSEBEC2LaunchTemplate_abc", Version: "1" },
    MinSize: 2,
    MaxSize: 5,
    DesiredCapacity: 2,
    DefaultCooldown: 360,
    AvailabilityZones: ["us-east-1a", "us-east-1b"],
    LoadBalancerNames: [],
    TargetGroupARNs: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/awseb-AWSEB-1ABCDEF/0123456789abcdef"],
    HealthCheckType: "EC2",
    HealthCheckGracePeriod: 0,
    Instances: [asgInstance("i-0a1b2c3d4e5f60718", "InService"), asgInstance("i-0b2c3d4e5f6071829", "InService")],
    CreatedTime: new Date("2026-11-27T18:05:00.000Z"),
    SuspendedProcesses: [],
    VPCZoneIdentifier: "subnet-0a1,subnet-0b2",
    EnabledMetrics: [],
    Tags: [{ ResourceId: groupName(env), ResourceType: "auto-scaling-group", Key: "elasticbeanstalk:environment-name", Value: env, PropagateAtLaunch: true }],
    TerminationPolicies: ["Default"],
    NewInstancesProtectedFromScaleIn: false,
    ...more,
  };
}

describe("elasticbeanstalk collector", () => {
  it("normalizes an environment: status, health, platform, options as numbers, resources", async () => {
    eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [environment("mi-app-env")] });
    eb.on(DescribeConfigurationSettingsCommand).resolves({ ConfigurationSettings: [configFor("mi-app-env", COURSE_SETTINGS)] });
    eb.on(DescribeEnvironmentResourcesCommand).resolves(resourcesFor("mi-app-env"));
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts.environments).toHaveLength(1);
    const env = facts.environments[0]!;
    expect(env).toMatchObject({
      environmentName: "mi-app-env",
      environmentId: "e-miappenv",
      applicationName: "mi-app",
      status: "Ready",
      health: "Green",
      healthStatus: "Ok",
      solutionStackName: "64bit Amazon Linux 2023 v6.1.0 running Node.js 20",
      tier: "WebServer",
      cname: "mi-app-env.eba-7hq2xk3m.us-east-1.elasticbeanstalk.com",
      dateUpdated: "2026-11-28T09:40:00.000Z",
      environmentType: "LoadBalanced",
      loadBalancerType: "application",
      environmentProperties: { NODE_ENV: "production", RDS_HOSTNAME: "mi-db.c9akciq32.us-east-1.rds.amazonaws.com" },
      plaintextSecrets: [],
      autoScalingGroups: ["awseb-e-mi-app-env-stack-AWSEBAutoScalingGroup-QX1Z2Y3W4V5U"],
      instances: ["i-0a1b2c3d4e5f60718", "i-0b2c3d4e5f6071829"],
      probes: {},
      errors: [],
    });
    expect(env.loadBalancers[0]).toContain("awseb-AWSEB-1XQ2B3C4D5E6F");
    expect(env.options["aws:autoscaling:asg"]).toEqual({ "Availability Zones": "Any", Cooldown: 360, MaxSize: 5, MinSize: 2 });
    expect(env.options["aws:autoscaling:trigger"]).toMatchObject({
      MeasureName: "CPUUtilization",
      Unit: "Percent",
      UpperThreshold: 70,
      LowerThreshold: 30,
      LowerBreachScaleIncrement: -1,
    });
    // Environment properties live apart from the options, and scheduled actions keep their names.
    expect(env.options["aws:elasticbeanstalk:application:environment"]).toBeUndefined();
    expect(env.scheduledActions).toEqual({ noches: { MinSize: 1, Recurrence: "0 22 * * *" }, mananas: { MinSize: 2 } });

    const [configCall] = eb.commandCalls(DescribeConfigurationSettingsCommand);
    expect(configCall!.args[0].input).toEqual({ ApplicationName: "mi-app", EnvironmentName: "mi-app-env" });
    const [resourcesCall] = eb.commandCalls(DescribeEnvironmentResourcesCommand);
    expect(resourcesCall!.args[0].input).toEqual({ EnvironmentId: "e-miappenv" });
  });

  it("reads the environment's live Auto Scaling group by the name Beanstalk gives, counting only instances in service", async () => {
    eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [environment("mi-app-env")] });
    eb.on(DescribeConfigurationSettingsCommand).resolves({ ConfigurationSettings: [configFor("mi-app-env", COURSE_SETTINGS)] });
    eb.on(DescribeEnvironmentResourcesCommand).resolves(resourcesFor("mi-app-env"));
    // Changed by hand in the EC2 console to 1–3, and scaling: one instance launching, one leaving.
    asg.on(DescribeAutoScalingGroupsCommand).resolves({
      AutoScalingGroups: [
        group("mi-app-env", {
          MinSize: 1,
          MaxSize: 3,
          DesiredCapacity: 2,
          Instances: [asgInstance("i-01", "InService"), asgInstance("i-02", "Pending"), asgInstance("i-03", "Terminating")],
        }),
      ],
    });
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts.environments[0]!.autoScalingGroup).toEqual({ name: groupName("mi-app-env"), minSize: 1, maxSize: 3, desiredCapacity: 2, inService: 1, instances: 3 });
    // The options still say what Beanstalk was told: the two sources stay apart.
    expect(facts.environments[0]!.options["aws:autoscaling:asg"]).toMatchObject({ MinSize: 2, MaxSize: 5 });
    expect(asg.commandCalls(DescribeAutoScalingGroupsCommand).map((c) => c.args[0].input)).toEqual([{ AutoScalingGroupNames: [groupName("mi-app-env")] }]);
  });

  it("follows NextToken of DescribeAutoScalingGroups", async () => {
    eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [environment("mi-app-env")] });
    eb.on(DescribeConfigurationSettingsCommand).resolves({ ConfigurationSettings: [configFor("mi-app-env", COURSE_SETTINGS)] });
    eb.on(DescribeEnvironmentResourcesCommand).resolves(resourcesFor("mi-app-env"));
    // Tokens are read when sent: the paginator reuses its input object.
    const tokens: (string | undefined)[] = [];
    asg.on(DescribeAutoScalingGroupsCommand).callsFake((input: { NextToken?: string }) => {
      tokens.push(input.NextToken);
      return input.NextToken === "asg-page-2" ? { AutoScalingGroups: [group("mi-app-env")] } : { AutoScalingGroups: [], NextToken: "asg-page-2" };
    });
    const { facts } = await collect();
    expect(facts.environments[0]!.autoScalingGroup).toMatchObject({ minSize: 2, maxSize: 5, inService: 2 });
    expect(tokens).toEqual([undefined, "asg-page-2"]);
  });

  it("records a denied DescribeAutoScalingGroups as an error for the environment, and keeps its options", async () => {
    eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [environment("mi-app-env")] });
    eb.on(DescribeConfigurationSettingsCommand).resolves({ ConfigurationSettings: [configFor("mi-app-env", COURSE_SETTINGS)] });
    eb.on(DescribeEnvironmentResourcesCommand).resolves(resourcesFor("mi-app-env"));
    asg.on(DescribeAutoScalingGroupsCommand).rejects(
      new AutoScalingServiceException({
        name: "AccessDenied",
        $fault: "client",
        $metadata: { httpStatusCode: 403 },
        message: "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: autoscaling:DescribeAutoScalingGroups",
      }),
    );
    const { facts, errors } = await collect();
    expect(errors).toEqual([expect.objectContaining({ action: "autoscaling:DescribeAutoScalingGroups", kind: "denied", target: "mi-app-env", collector: "elasticbeanstalk" })]);
    expect(facts.environments[0]).toMatchObject({ autoScalingGroup: null, autoScalingGroups: [groupName("mi-app-env")] });
    expect(facts.environments[0]!.options["aws:autoscaling:asg"]).toMatchObject({ MinSize: 2 });
  });

  it("asks Auto Scaling nothing when the environment's resources name no group (or could not be read)", async () => {
    eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [environment("mi-app-env"), environment("otro-env")] });
    eb.on(DescribeConfigurationSettingsCommand).resolves({ ConfigurationSettings: [] });
    eb.on(DescribeEnvironmentResourcesCommand, { EnvironmentId: "e-miappenv" }).resolves({ EnvironmentResources: { EnvironmentName: "mi-app-env", AutoScalingGroups: [] } });
    eb.on(DescribeEnvironmentResourcesCommand, { EnvironmentId: "e-otroenv" }).rejects(
      new InsufficientPrivilegesException({ message: "The specified account does not have sufficient privileges for one or more AWS services", $metadata: { httpStatusCode: 403 } }),
    );
    const { facts, errors } = await collect();
    expect(facts.environments.map((e) => e.autoScalingGroup)).toEqual([null, null]);
    expect(errors).toEqual([expect.objectContaining({ action: "elasticbeanstalk:DescribeEnvironmentResources", target: "otro-env", kind: "denied" })]);
    expect(asg.commandCalls(DescribeAutoScalingGroupsCommand)).toHaveLength(0);
  });

  it("sends only what it declares; what Beanstalk reads on its behalf is declared, never sent", async () => {
    eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [environment("mi-app-env")] });
    eb.on(DescribeConfigurationSettingsCommand).resolves({ ConfigurationSettings: [configFor("mi-app-env", COURSE_SETTINGS)] });
    eb.on(DescribeEnvironmentResourcesCommand).resolves(resourcesFor("mi-app-env"));
    asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group("mi-app-env")] });
    await collect();
    const sent = [...eb.calls(), ...asg.calls()].map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ""));
    const actions = new Set(sent.map((name) => `${name === "DescribeAutoScalingGroups" ? "autoscaling" : "elasticbeanstalk"}:${name}`));
    expect(actions).toEqual(
      new Set([
        "elasticbeanstalk:DescribeEnvironments",
        "elasticbeanstalk:DescribeConfigurationSettings",
        "elasticbeanstalk:DescribeEnvironmentResources",
        "autoscaling:DescribeAutoScalingGroups",
      ]),
    );
    for (const action of actions) expect(collector.actions).toContain(action);
    for (const action of READ_BY_BEANSTALK) {
      expect(collector.actions).toContain(action);
      expect(actions.has(action)).toBe(false);
    }
    // The resources behind an environment: its stack, group, instances, load balancer and queues.
    expect(READ_BY_BEANSTALK).toEqual(expect.arrayContaining(["cloudformation:DescribeStackResources", "ec2:DescribeInstances", "elasticloadbalancing:DescribeLoadBalancers"]));
  });

  it("reads the deployed configuration set, not the draft of an update in progress", async () => {
    const draft = COURSE_SETTINGS.map((s) => (s.OptionName === "MinSize" && s.Namespace === "aws:autoscaling:asg" ? { ...s, Value: "1" } : s));
    eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [environment("mi-app-env", { Status: "Updating" })] });
    eb.on(DescribeConfigurationSettingsCommand).resolves({
      ConfigurationSettings: [configFor("mi-app-env", draft, "pending"), configFor("mi-app-env", COURSE_SETTINGS, "deployed")],
    });
    eb.on(DescribeEnvironmentResourcesCommand).resolves(resourcesFor("mi-app-env"));
    const { facts } = await collect();
    expect(facts.environments[0]!.options["aws:autoscaling:asg"]!["MinSize"]).toBe(2);
  });

  it("never keeps a secret's value: names the property, redacts it, and tells references from plain text", async () => {
    const plain = "Sup3r-s3cret-RDS!";
    const urlPassword = "hunter2-in-url";
    const settings = [
      ...COURSE_SETTINGS,
      opt("aws:elasticbeanstalk:application:environment", "RDS_PASSWORD", plain),
      opt("aws:elasticbeanstalk:application:environment", "DB_PWD", "another-plain-one"),
      opt("aws:elasticbeanstalk:application:environment", "DATABASE_URL", `postgres://app:${urlPassword}@mi-db.example.com:5432/app`),
      opt("aws:elasticbeanstalk:application:environment", "JWT_SECRET", "arn:aws:secretsmanager:us-east-1:123456789012:secret:jwt-AbCdEf"),
      opt("aws:elasticbeanstalk:application:environment", "API_TOKEN", ""),
      opt("aws:elasticbeanstalk:application:environmentsecrets", "STRIPE_KEY", "arn:aws:ssm:us-east-1:123456789012:parameter/stripe/key"),
      opt("aws:rds:dbinstance", "DBPassword", "coupled-db-password"),
      opt("aws:rds:dbinstance", "DBUser", "ebroot"),
    ];
    eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [environment("mi-app-env")] });
    eb.on(DescribeConfigurationSettingsCommand).resolves({ ConfigurationSettings: [configFor("mi-app-env", settings)] });
    eb.on(DescribeEnvironmentResourcesCommand).resolves(resourcesFor("mi-app-env"));
    const { facts } = await collect();
    const env = facts.environments[0]!;
    expect(env.plaintextSecrets).toEqual(["DATABASE_URL", "DB_PWD", "RDS_PASSWORD"]);
    expect(env.environmentProperties).toMatchObject({
      RDS_PASSWORD: "[redacted]",
      DB_PWD: "[redacted]",
      DATABASE_URL: "postgres://app:[redacted]@mi-db.example.com:5432/app",
      JWT_SECRET: "[redacted]",
      API_TOKEN: "",
      NODE_ENV: "production",
    });
    expect(env.environmentSecrets).toEqual(["STRIPE_KEY"]);
    expect(env.options["aws:rds:dbinstance"]).toEqual({ DBPassword: "[redacted]", DBUser: "ebroot" });
    const stored = JSON.stringify(facts);
    for (const secret of [plain, "another-plain-one", urlPassword, "coupled-db-password"]) expect(stored).not.toContain(secret);
  });

  it("follows NextToken across pages of DescribeEnvironments", async () => {
    eb.on(DescribeEnvironmentsCommand)
      .resolvesOnce({ Environments: [environment("primero-env")], NextToken: "page-2" })
      .resolvesOnce({ Environments: [environment("segundo-env")] });
    eb.on(DescribeConfigurationSettingsCommand).resolves({ ConfigurationSettings: [] });
    eb.on(DescribeEnvironmentResourcesCommand).resolves({ EnvironmentResources: {} });
    const { facts } = await collect();
    expect(facts.environments.map((e) => e.environmentName)).toEqual(["primero-env", "segundo-env"]);
    const calls = eb.commandCalls(DescribeEnvironmentsCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([{ IncludeDeleted: false }, { IncludeDeleted: false, NextToken: "page-2" }]);
  });

  it("describes every environment at once, not one after another", async () => {
    let inFlight = 0;
    let most = 0;
    const slow = async <T>(answer: T): Promise<T> => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 25));
      inFlight--;
      return answer;
    };
    eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [environment("uno-env"), environment("dos-env"), environment("tres-env")] });
    eb.on(DescribeConfigurationSettingsCommand).callsFake(() => slow({ ConfigurationSettings: [] }));
    eb.on(DescribeEnvironmentResourcesCommand).callsFake(() => slow({ EnvironmentResources: {} }));
    await collect();
    // Two calls for each of three environments, all in flight together.
    expect(most).toBe(6);
  });

  it("records a denied DescribeConfigurationSettings as an error naming the action and the environment", async () => {
    eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [environment("mi-app-env")] });
    eb.on(DescribeConfigurationSettingsCommand).rejects(
      new InsufficientPrivilegesException({ message: "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: elasticbeanstalk:DescribeConfigurationSettings", $metadata: { httpStatusCode: 403 } }),
    );
    eb.on(DescribeEnvironmentResourcesCommand).resolves(resourcesFor("mi-app-env"));
    const { facts, errors } = await collect();
    expect(errors).toEqual([
      expect.objectContaining({
        action: "elasticbeanstalk:DescribeConfigurationSettings",
        kind: "denied",
        code: "InsufficientPrivilegesException",
        collector: "elasticbeanstalk",
        region: "us-east-1",
        target: "mi-app-env",
      }),
    ]);
    // What DescribeEnvironments said still stands.
    expect(facts.environments[0]).toMatchObject({ status: "Ready", health: "Green", options: {}, environmentType: null, plaintextSecrets: [] });
  });

  it("records a denied DescribeEnvironments and lists nothing", async () => {
    // An error code the SDK does not model comes out as a service exception named after the code.
    eb.on(DescribeEnvironmentsCommand).rejects(
      Object.assign(new Error("User: arn:aws:iam::123456789012:user/ana is not authorized to perform: elasticbeanstalk:DescribeEnvironments"), {
        name: "AccessDenied",
        $fault: "client",
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const { facts, errors } = await collect();
    expect(facts.environments).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ action: "elasticbeanstalk:DescribeEnvironments", kind: "denied" })]);
    expect(eb.commandCalls(DescribeConfigurationSettingsCommand)).toHaveLength(0);
  });

  it("asks nothing more about a terminated environment", async () => {
    eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [environment("viejo-env", { Status: "Terminated", Health: "Grey", CNAME: undefined })] });
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts.environments).toEqual([expect.objectContaining({ environmentName: "viejo-env", status: "Terminated", cname: null })]);
    expect(eb.commandCalls(DescribeConfigurationSettingsCommand)).toHaveLength(0);
    expect(eb.commandCalls(DescribeEnvironmentResourcesCommand)).toHaveLength(0);
  });

  it("locates live environments in another region, and not terminated ones", async () => {
    eb.on(DescribeEnvironmentsCommand).resolves({
      Environments: [environment("mi-app-env"), environment("viejo-env", { Status: "Terminated" }), environment("nuevo-env", { Status: "Launching" })],
    });
    const errors: CallError[] = [];
    const ids = await collector.locate!(makeContext(collector, "sa-east-1", pool, {}, errors));
    expect(ids).toEqual(["mi-app-env", "nuevo-env"]);
    expect(eb.commandCalls(DescribeConfigurationSettingsCommand)).toHaveLength(0);
  });

  it.each([
    ["2", 2],
    ["70", 70],
    ["-1", -1],
    ["0.5", 0.5],
    ["0123", "0123"],
    ["1e3", "1e3"],
    ["", ""],
    ["LoadBalanced", "LoadBalanced"],
    [" 2", " 2"],
  ])("reads option value %j as %j", (raw, expected) => {
    expect(optionValue(raw)).toBe(expected);
  });
});
