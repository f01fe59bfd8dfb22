import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { renderCleanupJson, renderCleanupText } from "../../src/cleanup/render.js";
import { ROOT } from "../support/cli.js";
import { PRICES, address, bucket, cleanupSnapshot, denied, environment, estimate, instance, loadBalancer, natGateway, volume } from "./fixtures.js";

const schema = JSON.parse(readFileSync(join(ROOT, "schemas", "cleanup.schema.json"), "utf8"));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

const busy = cleanupSnapshot(
  {
    "us-east-1": {
      ec2: { instances: [instance()], volumes: [volume()] },
      functions: [{ functionName: "hola", runtime: "python3.12", memorySize: 128, codeSize: 1, packageType: "Zip", lastModified: null }],
      environments: [environment({ resources: null })],
    },
    "eu-west-1": { ec2: { addresses: [address()], natGateways: [natGateway()] }, loadBalancers: [loadBalancer()] },
    "sa-east-1": {},
  },
  { buckets: [bucket({ storage: null })], errors: [denied("ec2:DescribeSnapshots", "sa-east-1", "cleanup-ec2")] },
);

describe("text report", () => {
  it("groups by region with subtotals, shows each command, the denial and the total, in Spanish", () => {
    const text = renderCleanupText(estimate(busy, "es"), { color: false });
    expect(text).toContain("Cuenta 123456789012 (arn:aws:iam::123456789012:user/alumno) · 3 región(es) revisada(s)");
    expect(text).toContain(`Precios de lista bajo demanda de us-east-1 (${PRICES.asOf})`);
    expect(text).toContain("eu-west-1: 3 recurso(s) con coste · 60.23 USD/mes"); // 3.65 + 32.85 + 23.73
    expect(text).toContain("us-east-1: 3 recurso(s) con coste · 12.76 USD/mes");
    expect(text).toContain("● Instancia EC2 i-0a1b2c3d4e5f60001 (mi-servidor) — t2.micro, en ejecución: 12.76 USD/mes [capa gratuita]");
    expect(text).toContain("Borrar: aws ec2 terminate-instances --instance-ids i-0a1b2c3d4e5f60001 --region us-east-1");
    expect(text).toContain("Entorno de Elastic Beanstalk mi-app-env (mi-app) — Ready, salud Green: ¿? USD/mes");
    expect(text).toContain("○ Función Lambda hola — python3.12, 128 MB · Borrar: aws lambda delete-function --function-name hola --region us-east-1");
    expect(text).toContain("! no se pudieron revisar las instantáneas EBS en sa-east-1: falta el permiso ec2:DescribeSnapshots (UnauthorizedOperation)");
    expect(text).toContain("Sin nada que listar: 1 región(es).");
    expect(text).toContain("Total estimado: 72.99 USD/mes en 6 recurso(s) con coste.");
    expect(text).toContain("2 recurso(s) tienen un coste desconocido que no está sumado.");
    expect(text).toContain("calificar no borra nada");
    expect(text).not.toMatch(/\x1b\[/);
  });

  it("says the same in English", () => {
    const text = renderCleanupText(estimate(busy, "en"), { color: false });
    expect(text).toContain("eu-west-1: 3 billable resource(s) · 60.23 USD/month");
    expect(text).toContain("● EC2 instance i-0a1b2c3d4e5f60001 (mi-servidor) — t2.micro, running: 12.76 USD/month [free tier]");
    expect(text).toContain("Delete: aws ec2 release-address --allocation-id eipalloc-0e1e2e3e4e5e6e7e8 --region eu-west-1");
    expect(text).toContain("! could not check EBS snapshots in sa-east-1: the permission ec2:DescribeSnapshots is missing (UnauthorizedOperation)");
    expect(text).toContain("Estimated total: 72.99 USD/month in 6 billable resource(s).");
  });

  it.each([
    { lang: "es" as const, expected: "✓ No queda nada que cueste dinero en la(s) 2 región(es) revisada(s)." },
    { lang: "en" as const, expected: "✓ Nothing that costs money is left in the 2 region(s) checked." },
  ])("says a clean account is clean ($lang)", ({ lang, expected }) => {
    const text = renderCleanupText(estimate(cleanupSnapshot({ "us-east-1": {}, "eu-west-1": {} }), lang), { color: false });
    expect(text).toContain(expected);
    expect(text).not.toContain("Total");
  });

  it("colours only when asked", () => {
    expect(renderCleanupText(estimate(busy), { color: true })).toMatch(/\x1b\[31m●/);
  });
});

describe("JSON report", () => {
  it.each([
    ["a busy account", busy],
    ["a clean account", cleanupSnapshot({ "us-east-1": {} })],
    ["an account whose identity is unknown", cleanupSnapshot({ "us-east-1": {} }, { account: null })],
  ])("follows schemas/cleanup.schema.json: %s", (_label, snapshot) => {
    const report = JSON.parse(renderCleanupJson(estimate(snapshot)));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the schema catches a report that breaks it", () => {
    const report = JSON.parse(renderCleanupJson(estimate(busy)));
    report.items[0].deleteCommands = ["rm -rf /"];
    delete report.totals.monthlyUsd;
    expect(validate(report)).toBe(false);
  });
});
