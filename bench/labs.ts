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
import { CLASSIFIER_BUCKET, classifier, courseCrud, courseQueue, helloApi } from "../test/support/starter-labs.js";
import { seedRun, upload } from "../test/support/starter-seed.js";

export interface BenchLab {
  id: string;
  /** Round trips that must follow one another, identity included (it overlaps the first listing). */
  criticalPath: number;
  why: string;
  /** Which stand-in app the lab's probes reach, if any (plain HTTP, also for an https invoke URL). */
  app?: "flask" | "node" | "crud";
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
    // Seen as 4 waves: calificar waits for S3 Control before the buckets (see lab-archivos).
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
  {
    id: "lab-api-hola",
    criticalPath: 3,
    why: "GetApis and GetRestApis (identity alongside, for the execute-api ARNs), with ListFunctions; then each API's routes, integrations and stages, with each function's GetPolicy; then GET of its GET route at the invoke URL, which needs the route and the stage",
    app: "crud",
    async seed(motoUrl) {
      await helloApi(motoUrl);
      return {};
    },
  },
  {
    id: "lab-archivos",
    criticalPath: 3,
    // Seen as 4 waves, as lab-s3, and rightly for calificar: checks/s3.ts starts the buckets only
    // when the account's Block Public Access has answered too (identity, then S3 Control: 2 round
    // trips), though no bucket call needs it. The chain the lab needs is 3; calificar waits 4.
    why: "ListBuckets; GetBucketLocation of each bucket; its versioning, lifecycle, encryption, Block Public Access, objects, ACL, policy and policy status in its region (account Block Public Access after identity, alongside; moto's ListBuckets names no BucketRegion, AWS's does, which saves the location round trip)",
    async seed(motoUrl) {
      await seedBucket(motoUrl, { name: "archivos-ana" });
      await upload(motoUrl, "archivos-ana", "notas/tarea1.txt", "hola");
      return {};
    },
  },
  {
    id: "lab-colas",
    criticalPath: 2,
    why: "ListQueues, ListFunctions and ListEventSourceMappings (and identity) at once; then GetQueueAttributes of each queue",
    async seed(motoUrl) {
      await courseQueue(motoUrl);
      return {};
    },
  },
  {
    id: "lab-clasificador",
    criticalPath: 4,
    // Three chains side by side, offset by CPU: the waves seen (3 to 5 from run to run) merge and
    // split them. Timed call by call, both 4-deep chains are 4 round trips one after another.
    why: "ListFunctions; each function's GetPolicy (which S3 may invoke); DescribeLogStreams of those; GetLogEvents of the newest streams. As long, alongside: ListRoles; each Lambda role's policy lists; GetPolicy (and GetRolePolicy); GetPolicyVersion. The bucket's chain (ListBuckets; location; notifications, objects…) is 3",
    async seed(motoUrl) {
      await classifier(motoUrl);
      // An upload, and the run it caused a moment later, as the e2e test's passing student.
      await upload(motoUrl, CLASSIFIER_BUCKET, "gato.jpg");
      await seedRun(motoUrl, "clasificador", new Date(Date.now() + 3000), ["Etiquetas de gato.jpg: Cat (98.7), Pet (97.1)"]);
      return {};
    },
  },
  {
    id: "lab-crud",
    criticalPath: 4,
    why: "ListRoles; each Lambda role's attached (and inline) policy lists; GetPolicy (and GetRolePolicy); GetPolicyVersion. Alongside: APIs then their routes, integrations and stages (2), ListTables then DescribeTable (2), ListFunctions (1). The CRUD walk is an active probe, sent only with --probar-crud: not here",
    async seed(motoUrl) {
      await courseCrud(motoUrl);
      return {};
    },
  },
];
