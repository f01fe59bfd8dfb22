import { describe, expect, it } from "vitest";
import { holdsSecret, isSecretName, isSecretValue, REDACTED, redactEnv, redactLine, redactText } from "../../src/core/secrets.js";

// One definition of a secret for every door: collectors redact with it, the repository reader
// finds committed secrets with it, the Action masks its log with it.
describe("isSecretName", () => {
  it.each([
    ["RDS_PASSWORD", true], ["DB_PASSWORD", true], ["DB_PASS", true], ["PASS", true], ["DB_PWD", true], ["password", true], ["dbPassword", true],
    ["MYSQL_ROOT_PASSWORD", true], ["JWT_SECRET", true], ["SECRET_KEY", true], ["AWS_SECRET_ACCESS_KEY", true], ["API_KEY", true],
    ["API_TOKEN", true], ["AWS_SESSION_TOKEN", true], ["_authToken", true], ["apikey", true], ["PRIVATE_KEY", true], ["BASIC_AUTH", true],
    ["author", false], ["passport", false], ["bypass", false], ["DB_PASSWORD_FILE", false], ["max_tokens", false], ["RDS_USERNAME", false],
    ["CLAVE", true], ["DB_CLAVE", true], ["CONTRASENA", true], ["contraseña", true], ["SECRETO", true], ["dbContrasena", true],
    ["CLAVE_PUBLICA", false], ["TOKEN_URL", false], ["KEY_NAME", false], ["PRIMARY_KEY", false], ["AWS_SHARED_CREDENTIALS_FILE", false], ["", false],
  ])("isSecretName(%s) is %s", (name, expected) => {
    expect(isSecretName(name)).toBe(expected);
  });
});

describe("isSecretValue", () => {
  it.each([
    ['"Sup3r-S3creta"', true], ["hunter2 # la de siempre", true], ["123456", true],
    ["", false], ['""', false], ["${DB_PASSWORD}", false], ["$DB_PASSWORD", false], ["{{resolve:secretsmanager:db}}", false],
    ["arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbC", false], ["<password>", false], ["********", false], ["!Ref DbPassword", false],
  ])("isSecretValue(%s) is %s", (value, expected) => {
    expect(isSecretValue(value)).toBe(expected);
  });
});

describe("redaction", () => {
  it("keeps every name and hides secret values and URL passwords", () => {
    expect(redactEnv({ DB_PWD: "s3cr3t", DB_HOST: "db.example", DATABASE_URL: "mysql://app:Pa55word@db:3306/x", EMPTY_PASSWORD: "" })).toEqual({
      DB_PWD: REDACTED,
      DB_HOST: "db.example",
      DATABASE_URL: `mysql://app:${REDACTED}@db:3306/x`,
      EMPTY_PASSWORD: "",
    });
  });

  it("hides known values, secret pairs, URL passwords and access key ids in a line of text", () => {
    const line = "conectando con s3cr3t-Pa55 {'API_TOKEN': 'tok-123456'} postgres://u:pw1234@h ASIAIOSFODNN7EXAMPLE";
    const out = redactLine(line, ["s3cr3t-Pa55"]);
    for (const secret of ["s3cr3t-Pa55", "tok-123456", "pw1234", "ASIAIOSFODNN7EXAMPLE"]) expect(out).not.toContain(secret);
    expect(out).toContain("API_TOKEN");
    expect(redactText("sin secretos")).toBe("sin secretos");
  });

  it("finds a secret held by a name or inside a URL, not a reference to one", () => {
    expect(holdsSecret("DB_PWD", "hunter22")).toBe(true);
    expect(holdsSecret("DATABASE_URL", "mysql://user:pass@host/db")).toBe(true);
    expect(holdsSecret("REDIS_URL", "redis://:hunter22@cache:6379")).toBe(true);
    expect(holdsSecret("DB_PASSWORD", "{{resolve:ssm:/db/pass}}")).toBe(false);
    expect(holdsSecret("DB_HOST", "db.example")).toBe(false);
  });
});
