import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AutoScalingClient, CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { DescribeImagesCommand, EC2Client } from "@aws-sdk/client-ec2";
import { CreateApplicationCommand, CreateEnvironmentCommand, ElasticBeanstalkClient } from "@aws-sdk/client-elastic-beanstalk";
import { errorAnswer, type Answer, type FakeAws, type FakeRequest } from "./fake-aws.js";

/**
 * Elastic Beanstalk for end-to-end tests. moto 5.2 emulates CreateApplication, CreateEnvironment
 * and DescribeEnvironments, but hard-codes what an environment's description says (Health «Grey»,
 * SolutionStackName «None», PlatformArn «TODO», an empty CNAME and EnvironmentId), and answers
 * neither DescribeConfigurationSettings nor DescribeEnvironmentResources. So environments are
 * created in moto, DescribeEnvironments is forwarded to moto and only those fields are filled in
 * from the test's state, and the two missing actions are answered here in the query-protocol
 * XML that AWS sends. The environment's Auto Scaling group is real: it is created in moto, whose
 * DescribeAutoScalingGroups answers for it (with its instances in service).
 */

/** What a student built, in the words of the console. Unset fields are what the course asks for. */
export interface StudentEnvironment {
  region?: string;
  application?: string;
  name?: string;
  status?: string;
  health?: string;
  healthStatus?: string;
  solutionStack?: string;
  platformArn?: string;
  environmentType?: "LoadBalanced" | "SingleInstance";
  minSize?: number;
  maxSize?: number;
  trigger?: Partial<Record<"MeasureName" | "Unit" | "UpperThreshold" | "LowerThreshold", string | number>>;
  /** Environment properties (aws:elasticbeanstalk:application:environment), values in plain text. */
  properties?: Record<string, string>;
  /** Properties fetched from Secrets Manager / Parameter Store: name → ARN. */
  secrets?: Record<string, string>;
  /** The Auto Scaling group as it runs, when changed by hand from what the options say. */
  liveGroup?: { minSize: number; maxSize: number; desired?: number };
  /** No Auto Scaling group at all (being rebuilt): DescribeEnvironmentResources names none. */
  noGroup?: boolean;
}

export interface SeededEnvironment {
  region: string;
  application: string;
  name: string;
  id: string;
  cname: string;
  spec: StudentEnvironment;
}

const NODE_STACK = "64bit Amazon Linux 2023 v6.1.0 running Node.js 20";
const NODE_PLATFORM = "arn:aws:elasticbeanstalk:{region}::platform/Node.js 20 running on 64bit Amazon Linux 2023/6.1.0";
const XMLNS = "http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/";

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function element(tag: string, value: string | undefined): string {
  return value === undefined ? "" : value === "" ? `<${tag}/>` : `<${tag}>${escapeXml(value)}</${tag}>`;
}

/** Replaces `<Tag>…</Tag>` or `<Tag/>` in one environment's XML. */
function setElement(xml: string, tag: string, value: string): string {
  const pattern = new RegExp(`<${tag}>[^<]*</${tag}>|<${tag}/>`);
  return pattern.test(xml) ? xml.replace(pattern, element(tag, value)) : xml;
}

function regionOf(req: FakeRequest): string {
  const auth = String(req.headers["authorization"] ?? "");
  return /Credential=[^/]+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? "us-east-1";
}

function response(action: string, result: string): Answer {
  return {
    status: 200,
    headers: { "content-type": "text/xml" },
    body: `<${action}Response xmlns="${XMLNS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

type Setting = [namespace: string, option: string, value: string, resource?: string];

/** MinSize and MaxSize as the options say: a single-instance environment's group is pinned to one instance. */
function configuredSize(s: StudentEnvironment): { min: number; max: number } {
  const single = s.environmentType === "SingleInstance";
  return { min: single ? 1 : (s.minSize ?? 2), max: single ? 1 : (s.maxSize ?? 5) };
}

export function groupName(env: Pick<SeededEnvironment, "id">): string {
  return `awseb-${env.id}-stack-AWSEBAutoScalingGroup-QX1Z2Y3W4V5U`;
}

/** The option settings DescribeConfigurationSettings reports for such an environment (abridged defaults included). */
export function optionSettings(env: SeededEnvironment): Setting[] {
  const s = env.spec;
  const single = s.environmentType === "SingleInstance";
  const { min, max } = configuredSize(s);
  const trigger = { MeasureName: "CPUUtilization", Unit: "Percent", UpperThreshold: 70, LowerThreshold: 30, ...s.trigger };
  return [
    ["aws:autoscaling:asg", "Availability Zones", "Any", "AWSEBAutoScalingGroup"],
    ["aws:autoscaling:asg", "Cooldown", "360", "AWSEBAutoScalingGroup"],
    ["aws:autoscaling:asg", "MaxSize", String(max), "AWSEBAutoScalingGroup"],
    ["aws:autoscaling:asg", "MinSize", String(min), "AWSEBAutoScalingGroup"],
    ["aws:autoscaling:launchconfiguration", "IamInstanceProfile", "aws-elasticbeanstalk-ec2-role", "AWSEBAutoScalingLaunchConfiguration"],
    ["aws:autoscaling:launchconfiguration", "InstanceType", "t3.micro", "AWSEBAutoScalingLaunchConfiguration"],
    ...(single
      ? []
      : ([
          ["aws:autoscaling:trigger", "BreachDuration", "5", "AWSEBCloudwatchAlarmLow"],
          ["aws:autoscaling:trigger", "EvaluationPeriods", "1", "AWSEBCloudwatchAlarmLow"],
          ["aws:autoscaling:trigger", "LowerBreachScaleIncrement", "-1", "AWSEBAutoScalingScaleDownPolicy"],
          ["aws:autoscaling:trigger", "LowerThreshold", String(trigger.LowerThreshold), "AWSEBCloudwatchAlarmLow"],
          ["aws:autoscaling:trigger", "MeasureName", String(trigger.MeasureName), "AWSEBCloudwatchAlarmLow"],
          ["aws:autoscaling:trigger", "Period", "5", "AWSEBCloudwatchAlarmLow"],
          ["aws:autoscaling:trigger", "Statistic", "Average", "AWSEBCloudwatchAlarmLow"],
          ["aws:autoscaling:trigger", "Unit", String(trigger.Unit), "AWSEBCloudwatchAlarmLow"],
          ["aws:autoscaling:trigger", "UpperBreachScaleIncrement", "1", "AWSEBAutoScalingScaleUpPolicy"],
          ["aws:autoscaling:trigger", "UpperThreshold", String(trigger.UpperThreshold), "AWSEBCloudwatchAlarmHigh"],
        ] as Setting[])),
    ["aws:ec2:instances", "InstanceTypes", "t3.micro, t3.small"],
    ["aws:elasticbeanstalk:environment", "EnvironmentType", single ? "SingleInstance" : "LoadBalanced"],
    ...(single ? [] : ([["aws:elasticbeanstalk:environment", "LoadBalancerType", "application"]] as Setting[])),
    ["aws:elasticbeanstalk:environment", "ServiceRole", `arn:aws:iam::123456789012:role/service-role/aws-elasticbeanstalk-service-role`],
    ["aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"],
    ["aws:elasticbeanstalk:command", "DeploymentPolicy", "AllAtOnce"],
    ["aws:elasticbeanstalk:application:environment", "NODE_ENV", "production"],
    ...Object.entries(s.properties ?? {}).map(([k, v]): Setting => ["aws:elasticbeanstalk:application:environment", k, v]),
    ...Object.entries(s.secrets ?? {}).map(([k, v]): Setting => ["aws:elasticbeanstalk:application:environmentsecrets", k, v]),
  ];
}

export interface BeanstalkWorld {
  /** Creates the application and environment in moto and remembers what the student configured. */
  seed(spec?: StudentEnvironment): Promise<SeededEnvironment>;
  /** (Re)installs the answers on the fake; call after `fake.reset()`. */
  install(): void;
  /** Forget every seeded environment (moto is reset separately). */
  clear(): void;
}

export function beanstalkWorld(fake: FakeAws, motoUrl: string): BeanstalkWorld {
  const live = new Map<string, SeededEnvironment>();
  const key = (region: string, name: string) => `${region}/${name}`;
  const byId = (region: string, id: string) => [...live.values()].find((e) => e.region === region && e.id === id);

  async function describeEnvironments(req: FakeRequest): Promise<Answer> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "host" && k !== "content-length") headers[k] = v;
    const upstream = await fetch(new URL(req.path, motoUrl), { method: req.method, headers, body: req.body });
    const xml = await upstream.text();
    if (!upstream.ok) return { status: upstream.status, headers: { "content-type": "text/xml" }, body: xml };
    const region = regionOf(req);
    const body = xml.replace(/<member>([\s\S]*?)<\/member>/g, (member) => {
      const name = /<EnvironmentName>([^<]*)<\/EnvironmentName>/.exec(member)?.[1] ?? "";
      const env = live.get(key(region, name));
      if (!env) return member;
      const s = env.spec;
      const single = s.environmentType === "SingleInstance";
      let out = member;
      for (const [tag, value] of [
        ["EnvironmentId", env.id],
        ["SolutionStackName", s.solutionStack ?? NODE_STACK],
        ["PlatformArn", (s.platformArn ?? NODE_PLATFORM).replace("{region}", region)],
        ["CNAME", env.cname],
        ["EndpointURL", single ? "54.210.167.204" : `awseb-${env.id}-AWSEBLoa-1XQ2B3C4D5E6F-123456789.${region}.elb.amazonaws.com`],
        ["Status", s.status ?? "Ready"],
        ["Health", s.health ?? "Green"],
        ["HealthStatus", s.healthStatus ?? "Ok"],
      ] as const) {
        out = setElement(out, tag, value);
      }
      return out;
    });
    return { status: 200, headers: { "content-type": "text/xml" }, body };
  }

  function notFound(req: FakeRequest, what: string): Answer {
    return errorAnswer("query", "InvalidParameterValue", `No Environment found for ${what}.`, 400);
  }

  function describeConfigurationSettings(req: FakeRequest): Answer {
    const name = req.params.get("EnvironmentName") ?? "";
    const env = live.get(key(regionOf(req), name));
    if (!env || env.application !== req.params.get("ApplicationName")) return notFound(req, `EnvironmentName = '${name}'`);
    const settings = optionSettings(env)
      .map(([ns, option, value, resource]) => `<member>${element("ResourceName", resource)}${element("Namespace", ns)}${element("OptionName", option)}${element("Value", value)}</member>`)
      .join("");
    return response(
      "DescribeConfigurationSettings",
      `<ConfigurationSettings><member><OptionSettings>${settings}</OptionSettings>` +
        element("SolutionStackName", env.spec.solutionStack ?? NODE_STACK) +
        element("PlatformArn", (env.spec.platformArn ?? NODE_PLATFORM).replace("{region}", env.region)) +
        element("ApplicationName", env.application) +
        element("EnvironmentName", env.name) +
        "<DeploymentStatus>deployed</DeploymentStatus><DateCreated>2026-11-27T18:02:11.000Z</DateCreated><DateUpdated>2026-11-28T09:40:00.000Z</DateUpdated>" +
        "</member></ConfigurationSettings>",
    );
  }

  function describeEnvironmentResources(req: FakeRequest): Answer {
    const region = regionOf(req);
    const id = req.params.get("EnvironmentId");
    const name = req.params.get("EnvironmentName");
    const env = id ? byId(region, id) : name ? live.get(key(region, name)) : undefined;
    if (!env) return notFound(req, id ? `EnvironmentId = '${id}'` : `EnvironmentName = '${name}'`);
    const single = env.spec.environmentType === "SingleInstance";
    const members = (items: string[], tag: string) => items.map((v) => `<member><${tag}>${escapeXml(v)}</${tag}></member>`).join("");
    const instances = single ? ["i-0a1b2c3d4e5f60718"] : ["i-0a1b2c3d4e5f60718", "i-0b2c3d4e5f6071829"];
    return response(
      "DescribeEnvironmentResources",
      "<EnvironmentResources>" +
        element("EnvironmentName", env.name) +
        `<AutoScalingGroups>${members(env.spec.noGroup ? [] : [groupName(env)], "Name")}</AutoScalingGroups>` +
        `<Instances>${members(instances, "Id")}</Instances>` +
        "<LaunchConfigurations/>" +
        `<LaunchTemplates>${members(["lt-0f1e2d3c4b5a69788"], "Id")}</LaunchTemplates>` +
        (single
          ? "<LoadBalancers/>"
          : `<LoadBalancers>${members([`arn:aws:elasticloadbalancing:${region}:123456789012:loadbalancer/app/awseb-AWSEB-1XQ2B3C4D5E6F/0123456789abcdef`], "Name")}</LoadBalancers>`) +
        "<Triggers/><Queues/></EnvironmentResources>",
    );
  }

  return {
    async seed(spec = {}) {
      const region = spec.region ?? "us-east-1";
      const application = spec.application ?? "mi-app";
      const name = spec.name ?? "mi-app-env";
      const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
      const client = new ElasticBeanstalkClient({ region, endpoint: motoUrl, credentials });
      try {
        await client.send(new CreateApplicationCommand({ ApplicationName: application })).catch((err: Error) => {
          if (!/already exists/.test(err.message)) throw err;
        });
        await client.send(new CreateEnvironmentCommand({ ApplicationName: application, EnvironmentName: name, SolutionStackName: spec.solutionStack ?? NODE_STACK }));
      } finally {
        client.destroy();
      }
      const id = `e-${randomUUID().replace(/-/g, "").slice(0, 10)}`;
      const env: SeededEnvironment = { region, application, name, id, cname: `${name}.eba-7hq2xk3m.${region}.elasticbeanstalk.com`, spec };
      if (!spec.noGroup) await createGroup(motoUrl, env);
      live.set(key(region, name), env);
      return env;
    },
    install() {
      fake.on("elasticbeanstalk:DescribeEnvironments", describeEnvironments);
      fake.on("elasticbeanstalk:DescribeConfigurationSettings", describeConfigurationSettings);
      fake.on("elasticbeanstalk:DescribeEnvironmentResources", describeEnvironmentResources);
    },
    clear() {
      live.clear();
    },
  };
}

/** The group Beanstalk would have made, in moto: the options' sizes unless the student changed it by hand. */
async function createGroup(motoUrl: string, env: SeededEnvironment): Promise<void> {
  const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
  const ec2 = new EC2Client({ region: env.region, endpoint: motoUrl, credentials });
  const autoscaling = new AutoScalingClient({ region: env.region, endpoint: motoUrl, credentials });
  try {
    const imageId = (await ec2.send(new DescribeImagesCommand({}))).Images?.[0]?.ImageId;
    const launchConfiguration = `awseb-${env.id}-stack-AWSEBAutoScalingLaunchConfiguration`;
    await autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: launchConfiguration, ImageId: imageId, InstanceType: "t3.micro" }));
    const configured = configuredSize(env.spec);
    const live = env.spec.liveGroup ?? { minSize: configured.min, maxSize: configured.max };
    await autoscaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: groupName(env),
        LaunchConfigurationName: launchConfiguration,
        MinSize: live.minSize,
        MaxSize: live.maxSize,
        DesiredCapacity: live.desired ?? live.minSize,
        AvailabilityZones: [`${env.region}a`],
      }),
    );
  } finally {
    ec2.destroy();
    autoscaling.destroy();
  }
}

/** A loopback stand-in for the student's Node.js app: answers GET / and records the Host it was asked for. */
export async function startNodeApp(): Promise<{ port: number; hosts: string[]; close(): Promise<void> }> {
  const hosts: string[] = [];
  const server: Server = createServer((req, res) => {
    hosts.push(req.headers.host ?? "");
    if (req.url === "/") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<h1>Hola desde Elastic Beanstalk</h1>");
    res.writeHead(404).end("Not Found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    hosts,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
