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

checkTable("lab-beanstalk", "asg-min-2", ENVIRONMENT, {
  passes: [withAsg({ MinSize: 2 }), withAsg({ MinSize: 2, MaxSize: 4 })],
  fails: [
    {
      facts: withAsg({ MinSize: 1 }),
      found: "1",
      expected: "2",
      says: {
        es: "mínimo de instancias (aws:autoscaling:asg MinSize): se esperaba 2, se encontró 1",
        en: "minimum instances (aws:autoscaling:asg MinSize): expected 2, found 1",
      },
    },
    { facts: withAsg({ MinSize: 3 }), found: "3" },
    // The option is missing from the configuration set.
    { facts: { options: { ...ENVIRONMENT.options, "aws:autoscaling:asg": { MaxSize: 5 } } }, found: null },
    { facts: { options: {} }, found: null, says: { es: "no se encontró nada", en: "found nothing" } },
  ],
  errors: [CONFIG_DENIED],
});

checkTable("lab-beanstalk", "asg-max-5", ENVIRONMENT, {
  passes: [withAsg({ MaxSize: 5 }), withAsg({ MinSize: 1, MaxSize: 5 })],
  fails: [
    {
      facts: withAsg({ MaxSize: 4 }),
      found: "4",
      expected: "5",
      says: {
        es: "máximo de instancias (aws:autoscaling:asg MaxSize): se esperaba 5, se encontró 4",
        en: "maximum instances (aws:autoscaling:asg MaxSize): expected 5, found 4",
      },
    },
    // A single-instance environment: Beanstalk pins the group to 1.
    { facts: { environmentType: "SingleInstance", ...withAsg({ MinSize: 1, MaxSize: 1 }) }, found: "1" },
  ],
  errors: [CONFIG_DENIED],
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
    // Beanstalk's default trigger: network out, in bytes.
    {
      facts: withTrigger({ MeasureName: "NetworkOut", Unit: "Bytes", UpperThreshold: 6000000, LowerThreshold: 2000000 }),
      found: "NetworkOut",
      expected: "CPUUtilization",
      says: { es: "métrica del disparador (MeasureName): se esperaba CPUUtilization, se encontró NetworkOut", en: "trigger metric (MeasureName): expected CPUUtilization, found NetworkOut" },
    },
    { facts: withTrigger({ Unit: "Count" }), found: "Count", says: { es: "unidad del disparador (Unit): se esperaba Percent", en: "trigger unit (Unit): expected Percent" } },
    // Thresholds swapped: up at 30, down at 70.
    { facts: withTrigger({ UpperThreshold: 30, LowerThreshold: 70 }), found: "30" },
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
