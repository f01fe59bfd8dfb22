import { describe, expect, it } from "vitest";
import { emulatedAws } from "../support/emulated-aws.js";
import { runCli } from "../support/cli.js";
import { awsEnv } from "../support/moto.js";
import { readReport } from "../support/report-schema.js";
import { courseQueue as seedCourseQueue } from "../support/starter-labs.js";
import { seedQueue } from "../support/starter-seed.js";

// The built CLI against moto's SQS (queues, redrive policies, SSE attributes, access policies) and
// Lambda's event source mappings.

const aws = emulatedAws();


async function grade(extra: string[] = []) {
  return readReport(await runCli(["lab-colas", "--format", "json", ...extra], awsEnv(aws.fake.url)));
}

const courseQueue = (more?: Parameters<typeof seedCourseQueue>[1]) => seedCourseQueue(aws.moto.url, more);

describe("lab-colas end to end against moto", () => {
  it("passes the course's queue: encrypted, with its dead-letter queue, read by a function with room to work", async () => {
    await courseQueue();
    const { code, status, report, check, stderr } = await grade();
    expect(status).toEqual({
      "queue-exists": "passed",
      "dead-letter-queue": "passed",
      encryption: "passed",
      consumer: "passed",
      "visibility-timeout": "passed",
      "no-public-policy": "passed",
    });
    // The dead-letter queue itself is a queue too: graded second best, and named.
    expect(report.resource).toMatchObject({ id: "pedidos", others: [expect.objectContaining({ id: "pedidos-dlq" })] });
    expect(check("dead-letter-queue").message).toBe("cola de mensajes fallidos (DLQ): cola: pedidos-dlq · número máximo de recepciones (maxReceiveCount): 5");
    expect(check("consumer").message).toContain("procesar-pedidos (Enabled)");
    expect(aws.fake.calls).toEqual(expect.arrayContaining(["sqs:ListQueues", "sqs:GetQueueAttributes", "lambda:ListEventSourceMappings"]));
    // Behind an emulator every call goes to its endpoint, and the SDK says nothing about queue URLs.
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("fails a queue without encryption whose redrive allows 20 receives, and says the visibility timeout is below AWS's advice", async () => {
    await courseQueue({ sse: false, maxReceiveCount: 20, visibility: "10" });
    const { check } = await grade();
    expect(check("encryption")).toMatchObject({ status: "failed", found: null });
    expect(check("dead-letter-queue").message).toContain("número máximo de recepciones (maxReceiveCount): se esperaba como máximo 10, se encontró 20");
    expect(check("visibility-timeout")).toMatchObject({ status: "passed", notes: [expect.stringContaining("AWS recomienda")] });
  });

  it("fails a visibility timeout shorter than the function's, naming both", async () => {
    await courseQueue({ visibility: "30", timeout: 60 });
    const { check } = await grade(["--lang", "en"]);
    expect(check("visibility-timeout")).toMatchObject({ status: "failed", found: "30 s < 60 s" });
  });

  it("grades the queue --queue names, and a queue nobody reads", async () => {
    await courseQueue();
    await seedQueue(aws.moto.url, "suelta");
    const { report, check } = await grade(["--queue", "suelta"]);
    expect(report.resource.id).toBe("suelta");
    expect(check("consumer")).toMatchObject({ status: "failed", found: null });
    expect(check("visibility-timeout").message).toContain("ninguna función Lambda lee la cola suelta");
    expect(check("dead-letter-queue").message).toContain("la cola suelta no envía sus mensajes fallidos");
  });

  it("is an error, not «no consumer», when ListEventSourceMappings is denied", async () => {
    await courseQueue();
    aws.fake.fail("lambda:ListEventSourceMappings", { code: "AccessDeniedException", status: 403, message: "not authorized to perform: lambda:ListEventSourceMappings" });
    const { check } = await grade();
    expect(check("consumer")).toMatchObject({ status: "error" });
    expect(check("visibility-timeout")).toMatchObject({ status: "error" });
    expect(check("encryption").status).toBe("passed");
  });
});
