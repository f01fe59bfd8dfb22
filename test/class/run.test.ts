import {
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  EC2ServiceException,
} from "@aws-sdk/client-ec2";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { gradeLab, type GradeRequest } from "../../src/app/grade.js";
import { labDirs, loadLab } from "../../src/app/labs.js";
import { assumeStudentRole, type Instructor } from "../../src/class/access.js";
import { CLASS_ACTIONS } from "../../src/class/policy.js";
import type { RosterStudent } from "../../src/class/roster.js";
import { hasGrade, runClass, type ClassEvent, type ClassRunRequest } from "../../src/class/run.js";
import type { Lab } from "../../src/core/lab.js";
import type { Result } from "../../src/core/result.js";
import { validateReport } from "../support/report-schema.js";

// The class runner with the SDK mocked: STS answers AssumeRole (each student gets keys of their
// own) and EC2 answers each student's account by the keys it is called with, exactly as a
// student's own run would be answered. Responses follow the API reference's shapes.

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const INSTRUCTOR: Instructor = { accountId: "111122223333", arn: "arn:aws:iam::111122223333:user/profe" };
const NOW = new Date("2026-11-28T23:00:00.000Z");
let lab: Lab;
let out: string;
let stsClient: STSClient;

beforeAll(async () => {
  lab = await loadLab("lab-ec2", labDirs());
});
beforeEach(() => {
  sts.reset();
  ec2.reset();
  out = mkdtempSync(join(tmpdir(), "calificar-class-run-"));
  stsClient = new STSClient({ region: "us-east-1", credentials: { accessKeyId: "AKIAPROFE", secretAccessKey: "x" } });
});
afterEach(() => stsClient.destroy());

function student(id: string, account: string, over: Partial<RosterStudent> = {}): RosterStudent {
  return { line: 2, student: id, name: `Nombre ${id}`, email: `${id}@uni.es`, accountId: account, roleArn: `arn:aws:iam::${account}:role/calificar-readonly`, externalId: null, region: null, ...over };
}

/** What each account holds, keyed by account id; the keys AssumeRole hands out name the account. */
type Account = "perfect" | "ssh-open" | "empty" | "denied";
let accounts: Record<string, Account> = {};

function awsError<E extends typeof STSServiceException | typeof EC2ServiceException>(Kind: E, name: string, message: string, status: number) {
  return new Kind({ name, $fault: "client", message, $metadata: { httpStatusCode: status } } as never);
}

function mockAws() {
  sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => {
    const account = /::(\d{12}):/.exec(input.RoleArn)![1]!;
    if (accounts[account] === undefined) {
      throw awsError(STSServiceException, "AccessDenied", `User: ${INSTRUCTOR.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`, 403);
    }
    return {
      Credentials: { AccessKeyId: `ASIA${account}`, SecretAccessKey: "secret", SessionToken: "token", Expiration: new Date("2026-11-28T23:15:00Z") },
      AssumedRoleUser: { Arn: `arn:aws:sts::${account}:assumed-role/calificar-readonly/x`, AssumedRoleId: "AROA:x" },
    };
  });
  // The student's own GetCallerIdentity, answered with the account its keys belong to.
  sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
    const key = (await getClient().config.credentials()).accessKeyId;
    const account = key.replace("ASIA", "");
    return { Account: account, Arn: `arn:aws:sts::${account}:assumed-role/calificar-readonly/calificar`, UserId: "AROA:calificar" };
  });
  const accountOf = async (getClient: () => EC2Client) => accounts[(await getClient().config.credentials()).accessKeyId.replace("ASIA", "")];
  const instance = (open: boolean) => ({
    InstanceId: "i-0123456789abcdef0",
    InstanceType: "t2.micro",
    KeyName: "labsuser",
    State: { Code: 16, Name: "running" },
    PublicIpAddress: "54.210.33.7",
    Placement: { AvailabilityZone: "us-east-1a" },
    RootDeviceName: "/dev/xvda",
    BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeId: "vol-1", Status: "attached" } }],
    SecurityGroups: [{ GroupId: open ? "sg-open" : "sg-course", GroupName: "web" }],
    Tags: [{ Key: "Name", Value: "mi-servidor" }],
  });
  const group = (id: string, sshFrom: string) => ({
    GroupId: id,
    GroupName: "web",
    IpPermissions: [
      { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: sshFrom }] },
      { IpProtocol: "tcp", FromPort: 5000, ToPort: 5000, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
    ],
  });
  const denied = () => awsError(EC2ServiceException, "UnauthorizedOperation", "You are not authorized to perform this operation.", 403);
  ec2.on(DescribeInstancesCommand).callsFake(async (_input, getClient) => {
    const account = await accountOf(getClient);
    if (account === "denied") throw denied();
    return { Reservations: account === "perfect" || account === "ssh-open" ? [{ Instances: [instance(account === "ssh-open")] }] : [] };
  });
  ec2.on(DescribeSecurityGroupsCommand).callsFake(async (_input, getClient) => {
    const account = await accountOf(getClient);
    if (account === "denied") throw denied();
    return { SecurityGroups: [group("sg-course", "203.0.113.7/32"), group("sg-open", "0.0.0.0/0")] };
  });
  ec2.on(DescribeVolumesCommand).callsFake(async (_input, getClient) => {
    if ((await accountOf(getClient)) === "denied") throw denied();
    return { Volumes: [{ VolumeId: "vol-1", Size: 8, VolumeType: "gp3", Encrypted: false }] };
  });
  ec2.on(DescribeAddressesCommand).callsFake(async (_input, getClient) => {
    if ((await accountOf(getClient)) === "denied") throw denied();
    return { Addresses: [] };
  });
  ec2.on(DescribeRegionsCommand).resolves({ Regions: [] });
  // The account's Free Plan types (DescribeInstanceTypes, free-tier-eligible=true), as an older account answers.
  ec2.on(DescribeInstanceTypesCommand).resolves({ InstanceTypes: [{ InstanceType: "t2.micro", FreeTierEligible: true }] });
}

function request(students: RosterStudent[], over: Partial<ClassRunRequest> = {}): ClassRunRequest {
  const context = { instructor: INSTRUCTOR, region: "us-east-1", defaultExternalId: "curso-2026" };
  return {
    lab,
    students,
    out,
    lang: "es",
    region: "us-east-1",
    concurrency: 4,
    deadlineMs: 20_000,
    resume: false,
    source: { kind: "aws", assume: (s) => assumeStudentRole(stsClient, s, context) },
    probe: false,
    env: {},
    now: () => NOW,
    ...over,
  };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const statusOf = (report: { checks: { id: string; status: string }[] }) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

describe("runClass through gradeLab with each student's role", () => {
  it("grades every student with the keys of their own role and writes their report and snapshot", async () => {
    accounts = { "200000000001": "perfect", "200000000002": "ssh-open", "200000000003": "empty" };
    mockAws();
    const students = [
      student("ana", "200000000001"),
      student("luis", "200000000002", { externalId: "propio-de-luis" }),
      student("eva", "200000000003", { region: "eu-west-1" }),
    ];
    const run = await runClass(request(students));
    expect(run.interrupted).toBe(false);
    expect(run.outcomes.map((o) => [o.student.student, o.kind, hasGrade(o)])).toEqual([
      ["ana", "report", true],
      ["luis", "report", true],
      ["eva", "report", true],
    ]);

    // AssumeRole as documented: a 15-minute session named after the student, the row's ExternalId or --external-id.
    expect(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).toEqual(
      expect.arrayContaining([
        { RoleArn: "arn:aws:iam::200000000001:role/calificar-readonly", RoleSessionName: "calificar-ana", DurationSeconds: 900, ExternalId: "curso-2026" },
        { RoleArn: "arn:aws:iam::200000000002:role/calificar-readonly", RoleSessionName: "calificar-luis", DurationSeconds: 900, ExternalId: "propio-de-luis" },
      ]),
    );

    const ana = readJson(join(out, "ana.json"));
    expect(validateReport(ana)).toBe(true);
    expect(ana.student).toEqual({ id: "ana", name: "Nombre ana", email: "ana@uni.es", accountId: "200000000001", region: "us-east-1" });
    expect(ana.account.id).toBe("200000000001");
    expect(statusOf(ana)).toMatchObject({ "instance-running": "passed", "ssh-restricted": "passed", "flask-app": "skipped" });
    expect(statusOf(readJson(join(out, "luis.json")))["ssh-restricted"]).toBe("failed");
    // The row's region is the graded one.
    expect(readJson(join(out, "eva.json"))).toMatchObject({ region: "eu-west-1", resource: null, student: { region: "eu-west-1" } });
    expect(readJson(join(out, "ana.snapshot.json"))).toMatchObject({ account: { id: "200000000001" }, lab: "lab-ec2" });
    // Nothing but whole files: no temporary file is left behind.
    expect(readdirSync(out).sort()).toEqual(["ana.json", "ana.snapshot.json", "eva.json", "eva.snapshot.json", "luis.json", "luis.snapshot.json"]);
  });

  it("gives the same result as the student's own gradeLab with the same keys", async () => {
    accounts = { "200000000002": "ssh-open" };
    mockAws();
    await runClass(request([student("luis", "200000000002")]));
    const own = await gradeLab({
      lab: "lab-ec2",
      lang: "es",
      region: "us-east-1",
      aws: { credentials: async () => ({ accessKeyId: "ASIA200000000002", secretAccessKey: "secret", sessionToken: "token" }) },
      probe: false,
      env: {},
      now: () => NOW,
    });
    const { student: _who, schemaVersion: _v, tool: _t, ...fromClass } = readJson(join(out, "luis.json"));
    expect(fromClass).toEqual(JSON.parse(JSON.stringify(own)));
  });

  it("records each failure in the student's own file and goes on with the class", async () => {
    accounts = { "200000000001": "perfect", "200000000004": "denied" };
    mockAws();
    const students = [student("ana", "200000000001"), student("sinrol", "299999999999"), student("negado", "200000000004"), student("sincuenta", "200000000001", { roleArn: null })];
    const run = await runClass(request(students));
    expect(run.outcomes.map((o) => [o.student.student, o.kind, hasGrade(o)])).toEqual([
      ["ana", "report", true],
      ["sinrol", "not-graded", false],
      // Assumed, but every call denied: a report where nothing could be checked, not a zero.
      ["negado", "report", false],
      ["sincuenta", "not-graded", false],
    ]);
    const record = readJson(join(out, "sinrol.json"));
    expect(record).toMatchObject({ notGraded: true, code: "role-denied", student: { id: "sinrol", accountId: "299999999999" }, lab: { id: "lab-ec2" }, generatedAt: NOW.toISOString() });
    expect(record.why.es).toContain("InstructorAccountId=111122223333 ExternalId=curso-2026");
    expect(record.why.en).toContain("does not trust your account 111122223333");
    expect(record.detail).toContain("AccessDenied");
    expect(readJson(join(out, "negado.json"))).toMatchObject({ ungradable: true, student: { id: "negado" } });
    expect(readJson(join(out, "sincuenta.json"))).toMatchObject({ code: "no-access" });
  });

  it("gives up on a student at the deadline, and their late result never overwrites the record", async () => {
    accounts = { "200000000001": "perfect" };
    mockAws();
    let release!: () => void;
    const late = new Promise<void>((r) => (release = r));
    const grade = async (req: GradeRequest): Promise<Result> => {
      if (req.saveSnapshot?.endsWith("lento.snapshot.json")) await late;
      return gradeLab(req);
    };
    const run = await runClass(request([student("lento", "200000000001"), student("ana", "200000000001")], { grade, deadlineMs: 300 }));
    expect(run.outcomes.map((o) => [o.student.student, o.kind])).toEqual([
      ["lento", "not-graded"],
      ["ana", "report"],
    ]);
    expect(readJson(join(out, "lento.json"))).toMatchObject({ code: "deadline" });
    expect(readJson(join(out, "lento.json")).why.es).toContain("--timeout");
    release();
    await new Promise((r) => setTimeout(r, 300));
    expect(readJson(join(out, "lento.json"))).toMatchObject({ notGraded: true, code: "deadline" });
  });

  it("never grades more students at a time than the concurrency", async () => {
    accounts = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`2000000001${String(i).padStart(2, "0")}`, "perfect" as const]));
    mockAws();
    let inFlight = 0;
    let most = 0;
    const grade = async (req: GradeRequest) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      try {
        return await gradeLab(req);
      } finally {
        inFlight--;
      }
    };
    const students = Object.keys(accounts).map((account, i) => student(`a${i}`, account));
    const run = await runClass(request(students, { grade, concurrency: 3 }));
    expect(run.outcomes.every(hasGrade)).toBe(true);
    expect(most).toBe(3);
  });

  it("--resume keeps graded reports of this lab and grades again the rest", async () => {
    accounts = { "200000000001": "perfect", "200000000002": "ssh-open" };
    mockAws();
    const students = [student("ana", "200000000001"), student("luis", "200000000002"), student("sinrol", "299999999999")];
    await runClass(request(students));
    const anaBefore = readFileSync(join(out, "ana.json"), "utf8");
    // Luis's report is of another lab: it does not count as finished.
    writeFileSync(join(out, "luis.json"), JSON.stringify({ ...readJson(join(out, "luis.json")), lab: { id: "lab-s3", title: "S3" } }));
    sts.resetHistory();
    accounts["299999999999"] = "perfect"; // the student deployed the role since
    const events: ClassEvent[] = [];
    const run = await runClass(request(students, { resume: true, onEvent: (e) => events.push(e) }));
    expect(events[0]).toEqual({ type: "start", total: 3, resumed: 1 });
    expect(run.outcomes.map((o) => [o.student.student, o.kind, o.kind === "report" && o.resumed])).toEqual([
      ["ana", "report", true],
      ["luis", "report", false],
      ["sinrol", "report", false],
    ]);
    expect(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input.RoleSessionName).sort()).toEqual(["calificar-luis", "calificar-sinrol"]);
    expect(readFileSync(join(out, "ana.json"), "utf8")).toBe(anaBefore);
  });

  it("stops starting students on Ctrl-C and writes nothing for those under way", async () => {
    accounts = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`20000000020${i}`, "perfect" as const]));
    mockAws();
    const controller = new AbortController();
    const grade = async (req: GradeRequest) => {
      const result = await gradeLab(req);
      if (!req.saveSnapshot?.endsWith("a0.snapshot.json")) await new Promise((r) => setTimeout(r, 200));
      return result;
    };
    // Ctrl-C as soon as the first student is done, while the second is still under way.
    const onEvent = (e: ClassEvent) => e.type === "done" && controller.abort();
    const students = Object.keys(accounts).map((account, i) => student(`a${i}`, account));
    const run = await runClass(request(students, { grade, concurrency: 2, signal: controller.signal, onEvent }));
    expect(run.interrupted).toBe(true);
    expect(run.outcomes.map((o) => o.kind)).toEqual(["report", "interrupted", "interrupted", "interrupted", "interrupted", "interrupted"]);
    await new Promise((r) => setTimeout(r, 300));
    // a1 was under way: its grading may have saved a snapshot, but it never gets a report.
    expect(readdirSync(out).filter((f) => f.endsWith(".json") && !f.endsWith(".snapshot.json"))).toEqual(["a0.json"]);
    expect(validateReport(readJson(join(out, "a0.json")))).toBe(true);
  });

  it("regrades saved snapshots without AWS, and says which are missing or of another account", async () => {
    accounts = { "200000000001": "perfect", "200000000002": "ssh-open" };
    mockAws();
    await runClass(request([student("ana", "200000000001"), student("luis", "200000000002")]));
    sts.reset();
    ec2.reset();
    const again = mkdtempSync(join(tmpdir(), "calificar-class-regrade-"));
    const students = [student("ana", "200000000001"), student("luis", "200000000009"), student("eva", "200000000003")];
    const run = await runClass(request(students, { out: again, source: { kind: "snapshots", dir: out } }));
    expect(sts.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
    expect(run.outcomes.map((o) => [o.student.student, o.kind === "report" ? "report" : o.kind === "not-graded" ? o.record.code : o.kind])).toEqual([
      ["ana", "report"],
      ["luis", "snapshot-other-account"],
      ["eva", "no-snapshot"],
    ]);
    const { generatedAt: _a, ...regraded } = readJson(join(again, "ana.json"));
    const { generatedAt: _b, ...original } = readJson(join(out, "ana.json"));
    expect(regraded).toEqual(original);
    expect(existsSync(join(again, "ana.snapshot.json"))).toBe(false);
  });

  it("sends the instructor's STS only what policies/instructor-policy.json allows", async () => {
    accounts = { "200000000001": "perfect" };
    mockAws();
    await runClass(request([student("ana", "200000000001")]));
    // Only AssumeRole is the instructor's; GetCallerIdentity here is the student's, with their keys.
    const instructorCalls = sts.calls().filter((c) => (c.thisValue as unknown) === stsClient);
    const actions = instructorCalls.map((c) => `sts:${(c.args[0] as object).constructor.name.replace(/Command$/, "")}`);
    expect(actions).toEqual(["sts:AssumeRole"]);
    expect(actions.every((a) => (CLASS_ACTIONS.assumeRole as readonly string[]).includes(a))).toBe(true);
  });
});
