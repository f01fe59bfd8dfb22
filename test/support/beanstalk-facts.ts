import type { BeanstalkEnvironmentFacts } from "../../checks/elasticbeanstalk.js";
import type { HttpAnswer } from "../../src/core/evidence.js";
import type { CallError } from "../../src/core/snapshot.js";

export const CNAME = "mi-app-env.eba-7hq2xk3m.us-east-1.elasticbeanstalk.com";

/** probes.web as checks/http.ts records it for the lab's one request, GET /. */
export function web(answer: Omit<HttpAnswer, "path" | "url">): HttpAnswer[] {
  return [{ path: "/", url: `http://${CNAME}/`, ...answer }];
}

/** The course's trigger, as checks/elasticbeanstalk.ts normalizes aws:autoscaling:trigger (numbers as numbers). */
export const COURSE_TRIGGER = {
  MeasureName: "CPUUtilization",
  Statistic: "Average",
  Unit: "Percent",
  Period: 5,
  BreachDuration: 5,
  UpperThreshold: 70,
  UpperBreachScaleIncrement: 1,
  LowerThreshold: 30,
  LowerBreachScaleIncrement: -1,
  EvaluationPeriods: 1,
};

const ASG = { "Availability Zones": "Any", Cooldown: 360, MinSize: 2, MaxSize: 5 };

/** aws:autoscaling:asg with other values; the rest of the environment's options stay as in ENVIRONMENT. */
export function withAsg(values: Record<string, unknown>): Pick<BeanstalkEnvironmentFacts, "options"> {
  return { options: { ...ENVIRONMENT.options, "aws:autoscaling:asg": { ...ASG, ...values } as BeanstalkEnvironmentFacts["options"][string] } };
}

export function withTrigger(values: Record<string, unknown> | null): Pick<BeanstalkEnvironmentFacts, "options"> {
  const options = { ...ENVIRONMENT.options } as BeanstalkEnvironmentFacts["options"];
  if (values === null) delete options["aws:autoscaling:trigger"];
  else options["aws:autoscaling:trigger"] = { ...COURSE_TRIGGER, ...values } as BeanstalkEnvironmentFacts["options"][string];
  return { options };
}

/** A student who did everything right: passes every AWS check of lab-beanstalk. */
export const ENVIRONMENT = {
  environmentName: "mi-app-env",
  environmentId: "e-7hq2xk3mpa",
  environmentArn: "arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/mi-app/mi-app-env",
  applicationName: "mi-app",
  versionLabel: "app-v1",
  status: "Ready",
  health: "Green",
  healthStatus: "Ok",
  solutionStackName: "64bit Amazon Linux 2023 v6.1.0 running Node.js 20",
  platformArn: "arn:aws:elasticbeanstalk:us-east-1::platform/Node.js 20 running on 64bit Amazon Linux 2023/6.1.0",
  tier: "WebServer",
  cname: CNAME,
  endpointUrl: "awseb-e-7-AWSEBLoa-1XQ2B3C4D5E6F-123456789.us-east-1.elb.amazonaws.com",
  dateUpdated: "2026-11-28T09:40:00.000Z",
  environmentType: "LoadBalanced",
  loadBalancerType: "application",
  options: {
    "aws:autoscaling:asg": ASG,
    "aws:autoscaling:trigger": COURSE_TRIGGER,
    "aws:elasticbeanstalk:environment": { EnvironmentType: "LoadBalanced", LoadBalancerType: "application", ServiceRole: "aws-elasticbeanstalk-service-role" },
    "aws:autoscaling:launchconfiguration": { InstanceType: "t3.micro", IamInstanceProfile: "aws-elasticbeanstalk-ec2-role" },
  },
  scheduledActions: {},
  environmentProperties: { NODE_ENV: "production", RDS_HOSTNAME: "mi-db.c9akciq32.us-east-1.rds.amazonaws.com", RDS_USERNAME: "admin" },
  environmentSecrets: ["RDS_PASSWORD"],
  plaintextSecrets: [],
  autoScalingGroups: ["awseb-e-7hq2xk3mpa-stack-AWSEBAutoScalingGroup-QX1Z2Y3W4V5U"],
  // The live group agrees with the options: 2 to 5, two instances in service.
  autoScalingGroup: { name: "awseb-e-7hq2xk3mpa-stack-AWSEBAutoScalingGroup-QX1Z2Y3W4V5U", minSize: 2, maxSize: 5, desiredCapacity: 2, inService: 2, instances: 2 },
  loadBalancers: ["awseb-AWSEB-1XQ2B3C4D5E6F"],
  instances: ["i-0a1b2c3d4e5f60718", "i-0b2c3d4e5f6071829"],
  probes: { web: web({ status: 200, body: "<h1>Hola desde Elastic Beanstalk</h1>" }) },
  errors: [] as unknown[],
} satisfies BeanstalkEnvironmentFacts;

/** An SDK denial as ctx.attempt records it for this collector. */
export function denied(action: string, code = "AccessDenied"): CallError {
  return {
    action,
    code,
    kind: "denied",
    message: `User: arn:aws:iam::123456789012:user/ana is not authorized to perform: ${action}`,
    region: "us-east-1",
    collector: "elasticbeanstalk",
  };
}

/** What checks/http.ts records when GET / does not answer in time: on the candidate, not region-wide. */
export const PROBE_TIMEOUT: CallError = {
  action: "http:GET",
  code: "timeout",
  kind: "timeout",
  message: "Headers Timeout Error",
  target: `http://${CNAME}/`,
};
