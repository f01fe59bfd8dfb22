import { describe, expect, it } from "vitest";
import { checkTable, gradeOne, readLab } from "../support/check-table.js";
import { CNAME, ENVIRONMENT, PROBE_TIMEOUT, denied, web, withAsg, withTrigger } from "../support/beanstalk-facts.js";

// Tables in the shape of ESLint's RuleTester: each row is merged over ENVIRONMENT, which passes
// every AWS check of lab-beanstalk, so a row changes only what the student got wrong.

const CONFIG_DENIED = {
  errors: [denied("elasticbeanstalk:DescribeConfigurationSettings")],
  says: {
    es: "falta el permiso elasticbeanstalk:DescribeConfigurationSettings (AccessDenied)",
    en: "the permission elasticbeanstalk:DescribeConfigurationSettings is missing (AccessDenied)",
  },
};

checkTable("lab-beanstalk", "environment-ready", ENVIRONMENT, {
  passes: [{ status: "Ready" }],
  fails: [
    {
      facts: { status: "Launching" },
      found: "Launching",
      expected: "Ready",
      says: { es: "estado del entorno: se esperaba Ready, se encontró Launching", en: "environment status: expected Ready, found Launching" },
    },
    { facts: { status: "Updating" }, found: "Updating", expected: "Ready" },
    { facts: { status: "Terminating" }, found: "Terminating" },
    { facts: { status: null }, found: null, says: { es: "no se encontró nada", en: "found nothing" } },
  ],
});

checkTable("lab-beanstalk", "health-green", ENVIRONMENT, {
  passes: [{ health: "Green", healthStatus: "Ok" }, { health: "Green", healthStatus: null }],
  fails: [
    {
      facts: { health: "Red", healthStatus: "Severe" },
      found: "Red / Severe",
      expected: "Green",
      says: { es: "salud del entorno: se esperaba Green, se encontró Red / Severe", en: "environment health: expected Green, found Red / Severe" },
    },
    { facts: { health: "Yellow", healthStatus: "Warning" }, found: "Yellow / Warning" },
    // Grey: no data yet, or basic health while the environment updates.
    { facts: { health: "Grey", healthStatus: null }, found: "Grey" },
    { facts: { health: null, healthStatus: null }, found: null },
  ],
});

checkTable("lab-beanstalk", "platform-nodejs", ENVIRONMENT, {
  passes: [
    { solutionStackName: "64bit Amazon Linux 2023 v6.1.0 running Node.js 20" },
    { solutionStackName: "64bit Amazon Linux 2 v5.8.0 running Node.js 18" },
    // A custom or ARN-only platform: no solution stack name, the ARN says Node.js.
    { solutionStackName: null, platformArn: "arn:aws:elasticbeanstalk:us-east-1::platform/Node.js 22 running on 64bit Amazon Linux 2023/6.5.0" },
  ],
  fails: [
    {
      facts: {
        solutionStackName: "64bit Amazon Linux 2023 v4.1.0 running Python 3.11",
        platformArn: "arn:aws:elasticbeanstalk:us-east-1::platform/Python 3.11 running on 64bit Amazon Linux 2023/4.1.0",
      },
      found: "64bit Amazon Linux 2023 v4.1.0 running Python 3.11",
      expected: "una plataforma Node.js (p. ej. «64bit Amazon Linux 2023 v6.x running Node.js 20»)",
      says: {
        es: "plataforma: se esperaba una plataforma Node.js (p. ej. «64bit Amazon Linux 2023 v6.x running Node.js 20»), se encontró 64bit Amazon Linux 2023 v4.1.0 running Python 3.11",
        en: "platform: expected a Node.js platform (e.g. «64bit Amazon Linux 2023 v6.x running Node.js 20»), found 64bit Amazon Linux 2023 v4.1.0 running Python 3.11",
      },
    },
    { facts: { solutionStackName: "64bit Amazon Linux 2023 v4.3.0 running Docker", platformArn: null }, found: "64bit Amazon Linux 2023 v4.3.0 running Docker" },
    { facts: { solutionStackName: null, platformArn: null }, found: null, says: { es: "no se encontró nada", en: "found nothing" } },
  ],
});

checkTable("lab-beanstalk", "load-balanced", ENVIRONMENT, {
  passes: [{ environmentType: "LoadBalanced" }],
  fails: [
    {
      facts: { environmentType: "SingleInstance" },
      found: "SingleInstance",
      expected: "LoadBalanced",
      says: { es: "tipo de entorno: se esperaba LoadBalanced, se encontró SingleInstance", en: "environment type: expected LoadBalanced, found SingleInstance" },
    },
    { facts: { environmentType: null }, found: null },
  ],
  errors: [CONFIG_DENIED],
});

/** The live Auto Scaling group, changed from the course's (2 to 5, two in service). */
const withGroup = (over: Partial<NonNullable<typeof ENVIRONMENT.autoScalingGroup>> | null) => ({
  autoScalingGroup: over === null ? null : { ...ENVIRONMENT.autoScalingGroup, ...over },
});

// Evidence names every source side by side, in the report's language: rows say it in both.
checkTable("lab-beanstalk", "asg-min-2", ENVIRONMENT, {
  passes: [
    withAsg({ MinSize: 2 }),
    withAsg({ MinSize: 2, MaxSize: 4 }),
    // Scaling out: more instances than the minimum is what auto scaling is for.
    withGroup({ desiredCapacity: 4, inService: 3, instances: 4 }),
    // The group could not be read (denied, or Beanstalk named none): the configuration decides.
    withGroup(null),
  ],
  fails: [
    {
      facts: withAsg({ MinSize: 1 }),
      expected: "2 en la configuración y en el grupo de Auto Scaling",
      says: {
        es: "mínimo de instancias (aws:autoscaling:asg MinSize): se esperaba 2 en la configuración y en el grupo de Auto Scaling, se encontró configuración: 1 · grupo de Auto Scaling: 2 · instancias deseadas: 2 · en servicio: 2",
        en: "minimum instances (aws:autoscaling:asg MinSize): expected 2 in the configuration and in the Auto Scaling group, found configuration: 1 · Auto Scaling group: 2 · desired instances: 2 · in service: 2",
      },
    },
    // The course means exactly 2: a third instance runs, and bills, all month.
    { facts: withAsg({ MinSize: 3 }), says: { es: "se encontró configuración: 3 · grupo de Auto Scaling: 2", en: "found configuration: 3 · Auto Scaling group: 2" } },
    // Changed by hand in the EC2 console: the configuration says 2, the group that runs says 1.
    {
      facts: withGroup({ minSize: 1, desiredCapacity: 1, inService: 1, instances: 1 }),
      says: { es: "se encontró configuración: 2 · grupo de Auto Scaling: 1 · instancias deseadas: 1 · en servicio: 1", en: "found configuration: 2 · Auto Scaling group: 1" },
    },
    { facts: { ...withAsg({ MinSize: 1 }), ...withGroup({ minSize: 1 }) }, says: { es: "se encontró configuración: 1 · grupo de Auto Scaling: 1" } },
    // The option is missing from the configuration set.
    { facts: { options: { ...ENVIRONMENT.options, "aws:autoscaling:asg": { MaxSize: 5 } } }, says: { es: "se encontró configuración: nada · grupo de Auto Scaling: 2" } },
    { facts: { options: {}, ...withGroup(null) }, says: { es: "configuración: nada · grupo de Auto Scaling: nada", en: "configuration: nothing · Auto Scaling group: nothing" } },
  ],
  errors: [CONFIG_DENIED],
});

checkTable("lab-beanstalk", "asg-max-5", ENVIRONMENT, {
  passes: [withAsg({ MaxSize: 5 }), withAsg({ MinSize: 1, MaxSize: 5 }), withGroup({ desiredCapacity: 5, inService: 5, instances: 5 }), withGroup(null)],
  fails: [
    {
      facts: withAsg({ MaxSize: 4 }),
      expected: "5 en la configuración y en el grupo de Auto Scaling",
      says: {
        es: "máximo de instancias (aws:autoscaling:asg MaxSize): se esperaba 5 en la configuración y en el grupo de Auto Scaling, se encontró configuración: 4 · grupo de Auto Scaling: 5",
        en: "maximum instances (aws:autoscaling:asg MaxSize): expected 5 in the configuration and in the Auto Scaling group, found configuration: 4 · Auto Scaling group: 5",
      },
    },
    { facts: withGroup({ maxSize: 10 }), says: { es: "se encontró configuración: 5 · grupo de Auto Scaling: 10" } },
    // A single-instance environment: Beanstalk pins the group to 1.
    {
      facts: { environmentType: "SingleInstance", ...withAsg({ MinSize: 1, MaxSize: 1 }), ...withGroup({ minSize: 1, maxSize: 1, desiredCapacity: 1, inService: 1, instances: 1 }) },
      says: { es: "se encontró configuración: 1 · grupo de Auto Scaling: 1" },
    },
  ],
  errors: [CONFIG_DENIED],
});

describe("lab-beanstalk › the live Auto Scaling group", () => {
  const lab = readLab("lab-beanstalk");
  it("says on a passed check what the group runs, and grades the configuration alone when the group could not be read", () => {
    const passed = gradeOne(lab, ENVIRONMENT).checks.find((c) => c.id === "asg-min-2")!;
    expect(passed.message).toBe("mínimo de instancias (aws:autoscaling:asg MinSize): configuración: 2 · grupo de Auto Scaling: 2 · instancias deseadas: 2 · en servicio: 2");
    const unread = gradeOne(lab, { ...ENVIRONMENT, autoScalingGroup: null }, { errors: [denied("autoscaling:DescribeAutoScalingGroups")] });
    expect(unread.checks.find((c) => c.id === "asg-max-5")).toMatchObject({ status: "passed", found: "configuración: 5 · grupo de Auto Scaling: nada" });
    expect(unread.errors).toEqual([expect.objectContaining({ action: "autoscaling:DescribeAutoScalingGroups" })]);
  });
});

checkTable("lab-beanstalk", "cpu-trigger", ENVIRONMENT, {
  passes: [withTrigger({}), withTrigger({ Statistic: "Maximum", Period: 1 })],
  fails: [
    {
      facts: withTrigger({ UpperThreshold: 80 }),
      found: "80",
      expected: "70",
      says: { es: "umbral superior (UpperThreshold): se esperaba 70, se encontró 80", en: "upper threshold (UpperThreshold): expected 70, found 80" },
    },
    {
      facts: withTrigger({ LowerThreshold: 20 }),
      found: "20",
      expected: "30",
      says: { es: "umbral inferior (LowerThreshold): se esperaba 30, se encontró 20", en: "lower threshold (LowerThreshold): expected 30, found 20" },
    },
    // Beanstalk's default trigger: network out, in bytes. Every wrong setting is named at once, in
    // the order of the check's fields, so a student fixes them all in one go.
    {
      facts: withTrigger({ MeasureName: "NetworkOut", Unit: "Bytes", UpperThreshold: 6000000, LowerThreshold: 2000000 }),
      expected: "CPUUtilization en Percent, umbral superior 70 e inferior 30",
      says: {
        es: "métrica del disparador (MeasureName): se esperaba CPUUtilization, se encontró NetworkOut; unidad del disparador (Unit): se esperaba Percent, se encontró Bytes; umbral superior (UpperThreshold): se esperaba 70, se encontró 6000000; umbral inferior (LowerThreshold): se esperaba 30, se encontró 2000000",
        en: "trigger metric (MeasureName): expected CPUUtilization, found NetworkOut; trigger unit (Unit): expected Percent, found Bytes; upper threshold (UpperThreshold): expected 70, found 6000000; lower threshold (LowerThreshold): expected 30, found 2000000",
      },
    },
    { facts: withTrigger({ Unit: "Count" }), found: "Count", says: { es: "unidad del disparador (Unit): se esperaba Percent", en: "trigger unit (Unit): expected Percent" } },
    // Thresholds swapped: up at 30, down at 70.
    {
      facts: withTrigger({ UpperThreshold: 30, LowerThreshold: 70 }),
      says: {
        es: "umbral superior (UpperThreshold): se esperaba 70, se encontró 30; umbral inferior (LowerThreshold): se esperaba 30, se encontró 70",
        en: "upper threshold (UpperThreshold): expected 70, found 30; lower threshold (LowerThreshold): expected 30, found 70",
      },
    },
    // Settings missing from the configuration are named too, each with what it should be.
    {
      facts: { options: { ...ENVIRONMENT.options, "aws:autoscaling:trigger": { MeasureName: "CPUUtilization" } } },
      says: {
        es: "unidad del disparador (Unit): se esperaba Percent, no se encontró nada; umbral superior (UpperThreshold): se esperaba 70, no se encontró nada; umbral inferior (LowerThreshold): se esperaba 30, no se encontró nada",
        en: "trigger unit (Unit): expected Percent, found nothing; upper threshold (UpperThreshold): expected 70, found nothing; lower threshold (LowerThreshold): expected 30, found nothing",
      },
    },
    {
      facts: withTrigger(null),
      found: null,
      expected: "CPUUtilization en Percent, umbral superior 70 e inferior 30",
      says: {
        es: "disparador de escalado (aws:autoscaling:trigger): se esperaba CPUUtilization en Percent, umbral superior 70 e inferior 30, no se encontró nada",
        en: "scaling trigger (aws:autoscaling:trigger): expected CPUUtilization in Percent, upper threshold 70 and lower 30, found nothing",
      },
    },
  ],
  errors: [CONFIG_DENIED],
});

checkTable("lab-beanstalk", "app-reachable", ENVIRONMENT, {
  passes: [
    { probes: { web: web({ status: 200, body: "Hola" }) } },
    { probes: { web: web({ status: 204, body: "" }) } },
  ],
  fails: [
    {
      facts: { probes: { web: web({ status: 502, body: "<html><body><h1>502 Bad Gateway</h1></body></html>" }) } },
      found: "GET / → 502 «502 Bad Gateway»",
      expected: "una respuesta 2xx (p. ej. 200)",
      says: {
        es: "respuesta de GET /: se esperaba una respuesta 2xx (p. ej. 200), se encontró GET / → 502 «502 Bad Gateway»",
        en: "answer to GET /: expected a 2xx answer (e.g. 200), found GET / → 502 «502 Bad Gateway»",
      },
    },
    { facts: { probes: { web: web({ status: 404, body: "Not Found" }) } }, found: "GET / → 404 «Not Found»" },
    {
      facts: { probes: { web: web({ error: { code: "refused" } }) } },
      says: { es: "se encontró GET / → conexión rechazada (nada escucha en ese puerto)", en: "found GET / → connection refused (nothing listens on that port)" },
    },
    // A worker environment has no CNAME to probe.
    {
      facts: { cname: null, probes: { web: [{ path: "/", url: "", error: { code: "no-address" } }] } },
      says: { es: "sin dirección pública que probar", en: "no public address to probe" },
    },
  ],
  errors: [
    {
      facts: { probes: { web: web({ error: { code: "timeout", message: "Connect Timeout Error" } }) }, errors: [PROBE_TIMEOUT] },
      errors: [],
      says: { es: `http://${CNAME}/ no respondió a tiempo`, en: `http://${CNAME}/ did not answer in time` },
    },
  ],
});

checkTable("lab-beanstalk", "db-secrets-safe", ENVIRONMENT, {
  passes: [
    { plaintextSecrets: [] },
    // RDS_PASSWORD fetched from Secrets Manager: named in environmentSecrets, not in plain properties.
    { plaintextSecrets: [], environmentSecrets: ["RDS_PASSWORD", "JWT_SECRET"] },
  ],
  fails: [
    {
      facts: { plaintextSecrets: ["RDS_PASSWORD"], environmentProperties: { ...ENVIRONMENT.environmentProperties, RDS_PASSWORD: "[redacted]" } },
      found: "RDS_PASSWORD",
      expected: "ninguna (guárdalas en Secrets Manager o Parameter Store)",
      says: {
        es: "propiedades del entorno con un secreto en texto plano: se esperaba ninguna (guárdalas en Secrets Manager o Parameter Store), se encontró RDS_PASSWORD",
        en: "environment properties holding a plain-text secret: expected none (keep them in Secrets Manager or Parameter Store), found RDS_PASSWORD",
      },
    },
    { facts: { plaintextSecrets: ["DB_PASSWORD", "JWT_SECRET"] }, found: "DB_PASSWORD, JWT_SECRET" },
  ],
  errors: [CONFIG_DENIED],
});

describe("lab-beanstalk as a whole", () => {
  // The account's checks; the repository's are graded in repo-checks.test.ts.
  const full = readLab("lab-beanstalk");
  const lab = { ...full, checks: full.checks.filter((c) => c.on !== "repo") };

  it("passes the student who did everything, with full marks", () => {
    const result = gradeOne(lab, ENVIRONMENT);
    expect(result.checks.filter((c) => c.status !== "passed").map((c) => c.id)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.score).toBe(result.maxScore);
    expect(result.resource).toMatchObject({ id: "e-7hq2xk3mpa", name: "mi-app-env" });
  });

  it("marks db-secrets-safe as a zero-point warning that never blocks the pass", () => {
    const result = gradeOne(lab, { ...ENVIRONMENT, plaintextSecrets: ["RDS_PASSWORD"] });
    const check = result.checks.find((c) => c.id === "db-secrets-safe")!;
    expect(check).toMatchObject({ status: "failed", severity: "warning", maxPoints: 0, points: 0 });
    expect(result.passed).toBe(true);
    expect(result.score).toBe(result.maxScore);
  });

  it("fails without the app answering, whatever the score (a required check)", () => {
    const result = gradeOne(lab, { ...ENVIRONMENT, probes: { web: web({ status: 502 }) } });
    expect(result.passed).toBe(false);
    expect(result.score / result.maxScore).toBeGreaterThan(lab.passMark / 100);
  });

  it("grades no terminated environment, and says where to create one", () => {
    const result = gradeOne(lab, { ...ENVIRONMENT, status: "Terminated" });
    expect(result.resource).toBeNull();
    expect(result.checks.every((c) => c.status === "failed")).toBe(true);
    expect(result.notes.join(" ")).toContain("Crear aplicación");
  });

  it("says which region holds the environment when the graded one has none", () => {
    const result = gradeOne(lab, null, { elsewhere: [{ region: "sa-east-1", count: 1, ids: ["mi-app-env"] }] }, "en");
    expect(result.notes.join(" ")).toContain("--region sa-east-1");
  });

  it("turns a denied DescribeEnvironments into errors on every check", () => {
    const result = gradeOne(lab, ENVIRONMENT, { errors: [denied("elasticbeanstalk:DescribeEnvironments")] });
    expect(result.checks.every((c) => c.status === "error")).toBe(true);
    expect(result.ungradable).toBe(true);
  });

  it("keeps the checks that need no configuration when DescribeConfigurationSettings is denied", () => {
    const result = gradeOne(lab, ENVIRONMENT, { errors: [denied("elasticbeanstalk:DescribeConfigurationSettings")] });
    const status = Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
    expect(status).toEqual({
      "environment-ready": "passed",
      "health-green": "passed",
      "platform-nodejs": "passed",
      "load-balanced": "error",
      "asg-min-2": "error",
      "asg-max-5": "error",
      "cpu-trigger": "error",
      "app-reachable": "passed",
      "db-secrets-safe": "error",
    });
  });
});
