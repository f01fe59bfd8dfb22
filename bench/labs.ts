// Each shipped lab as `npm run bench` grades it: a student who did everything right, built in moto
// (with the loopback fake answering what moto cannot), and the lab's critical path: the longest
// chain of calls where each needs the previous one's answer. That chain, in round trips, is the
// floor no grader can beat; the targets are measured against it.
import type { FakeAws } from "../test/support/fake-aws.js";
import { beanstalkWorld } from "../test/support/beanstalk-fake.js";
import { accountSummaryXml, seedUser } from "../test/support/iam-seed.js";
import { lambdaWorld } from "../test/support/lambda-fake.js";
import { seedBucket } from "../test/support/s3-seed.js";
import { seedServer } from "../test/support/seed-ec2.js";

export interface BenchLab {
  id: string;
  /** Round trips that must follow one another, identity included (it overlaps the first listing). */
  criticalPath: number;
  why: string;
  /** Which stand-in app the lab's probes reach, if any. */
  app?: "flask" | "node";
  /** Builds the student's work; returns extra environment (the IAM lab grades as the student's user). */
  seed(motoUrl: string, fake: FakeAws): Promise<Record<string, string>>;
}

export const LABS: BenchLab[] = [
  {
    id: "lab-ec2",
    criticalPath: 2,
    why: "instances, security groups, volumes, addresses, free-tier types (and identity) at once; then GET /, /members, /hello at the instance's address",
    app: "flask",
    async seed(motoUrl) {
      await seedServer(motoUrl, { elasticIp: true });
      return {};
    },
  },
  {
    id: "lab-lambda",
    criticalPath: 2,
    why: "ListFunctions; then Invoke of the course's function",
    async seed(motoUrl, fake) {
      const world = lambdaWorld(fake, motoUrl);
      world.install();
      await world.seed();
      return {};
    },
  },
  {
    id: "lab-s3",
    criticalPath: 3,
    why: "ListBuckets; GetBucketLocation of each bucket; its versioning, lifecycle, encryption and Block Public Access in its region (account Block Public Access after identity, alongside)",
    async seed(motoUrl) {
      await seedBucket(motoUrl, { name: "curso-aws-ana" });
      return {};
    },
  },
  {
    id: "lab-iam",
    criticalPath: 2,
    why: "GetCallerIdentity (account summary alongside); then the caller's MFA devices, by user name",
    async seed(motoUrl, fake) {
      const ana = await seedUser(motoUrl, "ana");
      // What moto cannot be: a root user with MFA and no access keys.
      fake.on("iam:GetAccountSummary", { status: 200, headers: { "content-type": "text/xml" }, body: accountSummaryXml({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 }) });
      return { AWS_ACCESS_KEY_ID: ana.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: ana.AWS_SECRET_ACCESS_KEY };
    },
  },
  {
    id: "lab-beanstalk",
    criticalPath: 3,
    why: "DescribeEnvironments; its configuration and resources (and GET / at its CNAME, which needs only the first answer); then the Auto Scaling group the resources name",
    app: "node",
    async seed(motoUrl, fake) {
      const world = beanstalkWorld(fake, motoUrl);
      world.install();
      await world.seed();
      return {};
    },
  },
];
