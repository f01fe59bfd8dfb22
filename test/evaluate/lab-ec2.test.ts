import { describe, expect, it } from "vitest";
import type { CallError } from "../../src/core/snapshot.js";
import { checkTable, gradeOne, readLab } from "../support/check-table.js";
import { COURSE_APP, PROBE_TIMEOUT, PUBLIC_IP, SERVER, denied, rule, web } from "./ec2-facts.js";

// Tables in the shape of ESLint's RuleTester: each row is merged over SERVER, which passes every
// check, so a row changes only what the student got wrong.

const APP_RULE = rule(5000, "0.0.0.0/0");

checkTable("lab-ec2", "instance-running", SERVER, {
  passes: [{ state: "running" }],
  fails: [
    {
      facts: { state: "stopped" },
      found: "stopped",
      expected: "running",
      says: { es: "estado de la instancia: se esperaba running, se encontró stopped", en: "instance state: expected running, found stopped" },
    },
    { facts: { state: "pending" }, found: "pending", expected: "running" },
    { facts: { state: "stopping" }, found: "stopping" },
    { facts: { state: null }, found: null, says: { es: "no se encontró nada", en: "found nothing" } },
  ],
});

// What DescribeInstanceTypes with free-tier-eligible=true answers on an account created from
// 15 July 2025 (the Free Plan), sorted as the collector stores it.
const FREE_PLAN = ["c7i-flex.large", "m7i-flex.large", "t3.micro", "t3.small", "t4g.micro", "t4g.small"];
const FREE_PLAN_TEXT = "c7i-flex.large, m7i-flex.large, t3.micro, t3.small, t4g.micro, t4g.small";
const EXPECTED_TYPE = "t2.micro (el tipo del curso) o uno de la capa gratuita de tu cuenta";

checkTable("lab-ec2", "instance-type", SERVER, {
  passes: [
    { instanceType: "t2.micro" },
    // The course's type passes whatever the account says.
    { instanceType: "t2.micro", freeTierEligibleTypes: FREE_PLAN },
    { instanceType: "t2.micro", freeTierEligibleTypes: [] },
    // A Free Plan account: t2.micro is refused there, t3.micro and the others are free.
    { instanceType: "t3.micro", freeTierEligibleTypes: FREE_PLAN },
    { instanceType: "t4g.small", freeTierEligibleTypes: FREE_PLAN },
    // A legacy account in a region without t2: its free type is t3.micro.
    { instanceType: "t3.micro", freeTierEligibleTypes: ["t3.micro"] },
    // The account could not be asked (null), or the snapshot predates the question (absent): the Free Plan's published list.
    { instanceType: "t3.micro", freeTierEligibleTypes: null },
    { instanceType: "t3.micro", freeTierEligibleTypes: undefined },
  ],
  // The evidence is in the report's language, so rows say it in both rather than give one `found`.
  fails: [
    {
      facts: { instanceType: "t3.small" },
      expected: EXPECTED_TYPE,
      says: {
        es: `tipo de instancia: se esperaba ${EXPECTED_TYPE}, se encontró tipo actual: t3.small · tipos de la capa gratuita: t2.micro`,
        en: "instance type: expected t2.micro (the course's type) or one of your account's Free Tier types, found current type: t3.small · Free Tier types: t2.micro",
      },
    },
    // A legacy account in us-east-1: t3.micro is billed there.
    { facts: { instanceType: "t3.micro" }, says: { es: "tipo actual: t3.micro · tipos de la capa gratuita: t2.micro", en: "current type: t3.micro · Free Tier types: t2.micro" } },
    { facts: { instanceType: "t2.nano", freeTierEligibleTypes: FREE_PLAN }, says: { es: `tipo actual: t2.nano · tipos de la capa gratuita: ${FREE_PLAN_TEXT}` } },
    { facts: { instanceType: "t3.large", freeTierEligibleTypes: FREE_PLAN }, says: { es: `tipo actual: t3.large · tipos de la capa gratuita: ${FREE_PLAN_TEXT}`, en: `Free Tier types: ${FREE_PLAN_TEXT}` } },
    { facts: { instanceType: "t3.large", freeTierEligibleTypes: null }, says: { es: `tipo actual: t3.large · tipos de la capa gratuita: ${FREE_PLAN_TEXT}` } },
    { facts: { instanceType: "t3.micro", freeTierEligibleTypes: [] }, says: { es: "tipo actual: t3.micro · tipos de la capa gratuita: nada", en: "Free Tier types: nothing" } },
    { facts: { instanceType: null }, says: { es: "tipo actual: nada · tipos de la capa gratuita: t2.micro" } },
  ],
});

describe("lab-ec2 › instance-type on a Free Plan account", () => {
  const lab = readLab("lab-ec2");
  const typeCheck = (facts: Record<string, unknown>, errors: CallError[] = [], lang: "es" | "en" = "es") =>
    gradeOne(lab, { ...SERVER, ...facts }, { errors }, lang).checks.find((c) => c.id === "instance-type")!;

  it("says that a type other than t2.micro is accepted, and why, in both languages", () => {
    expect(typeCheck({ instanceType: "t3.micro", freeTierEligibleTypes: FREE_PLAN })).toMatchObject({
      status: "passed",
      found: "t3.micro",
      message: "tipo de instancia: t3.micro — se acepta: es de la capa gratuita de tu cuenta (las cuentas creadas desde julio de 2025 no tienen t2.micro gratis); el curso usa t2.micro",
    });
    expect(typeCheck({ instanceType: "t3.micro", freeTierEligibleTypes: FREE_PLAN }, [], "en").message).toContain("accounts created since July 2025 have no free t2.micro");
    expect(typeCheck({ instanceType: "t2.micro", freeTierEligibleTypes: FREE_PLAN }).message).toBe("tipo de instancia: t2.micro");
  });

  it("never turns a denied DescribeInstanceTypes into a failure of t2.micro or t3.micro", () => {
    const errors = [denied("ec2:DescribeInstanceTypes")];
    expect(typeCheck({ instanceType: "t2.micro", freeTierEligibleTypes: null }, errors).status).toBe("passed");
    expect(typeCheck({ instanceType: "t3.micro", freeTierEligibleTypes: null }, errors).status).toBe("passed");
    // A type free nowhere still fails, naming the published list it was compared with.
    expect(typeCheck({ instanceType: "m5.large", freeTierEligibleTypes: null }, errors)).toMatchObject({ status: "failed", found: `tipo actual: m5.large · tipos de la capa gratuita: ${FREE_PLAN_TEXT}` });
  });

  it("tells the student how to list their account's free types", () => {
    const check = typeCheck({ instanceType: "t3.large", freeTierEligibleTypes: FREE_PLAN });
    expect(check.hint).toContain("si tu cuenta es de julio de 2025 o posterior, t2.micro ya no es gratis: usa t3.micro");
    expect(check.hint).toContain("aws ec2 describe-instance-types --filters Name=free-tier-eligible,Values=true");
  });
});

checkTable("lab-ec2", "key-pair", SERVER, {
  passes: [{ keyName: "labsuser" }, { keyName: "mi-clave" }],
  fails: [
    {
      facts: { keyName: null },
      found: null,
      expected: "un par de claves asociado",
      says: { es: "par de claves: se esperaba un par de claves asociado, no se encontró nada", en: "key pair: expected a key pair attached, found nothing" },
    },
    // An empty name reads as nothing, not as «se encontró » followed by a blank.
    { facts: { keyName: "" }, found: null, says: { es: "no se encontró nada", en: "found nothing" } },
  ],
});

checkTable("lab-ec2", "root-volume", SERVER, {
  passes: [
    { rootVolume: { ...SERVER.rootVolume, volumeType: "gp2" } },
    { rootVolume: { ...SERVER.rootVolume, size: 30 } },
    { rootVolume: { ...SERVER.rootVolume, volumeType: "gp3", size: 1, encrypted: true } },
  ],
  fails: [
    {
      facts: { rootVolume: { ...SERVER.rootVolume, volumeType: "io1" } },
      found: "io1",
      expected: "gp2 o gp3",
      says: { es: "tipo de volumen raíz: se esperaba gp2 o gp3, se encontró io1", en: "root volume type: expected gp2 or gp3, found io1" },
    },
    {
      facts: { rootVolume: { ...SERVER.rootVolume, volumeType: "standard" } },
      found: "standard",
      says: { es: "se encontró standard", en: "found standard" },
    },
    {
      facts: { rootVolume: { ...SERVER.rootVolume, volumeType: "io1", size: 40 } },
      expected: "gp2 o gp3, de 30 GiB como máximo",
      says: {
        es: "tipo de volumen raíz: se esperaba gp2 o gp3, se encontró io1; tamaño del volumen raíz (GiB): se esperaba como máximo 30, se encontró 40",
        en: "root volume type: expected gp2 or gp3, found io1; root volume size (GiB): expected at most 30, found 40",
      },
    },
    {
      facts: { rootVolume: { ...SERVER.rootVolume, size: 40 } },
      found: "40",
      expected: "como máximo 30",
      says: {
        es: "tamaño del volumen raíz (GiB): se esperaba como máximo 30, se encontró 40",
        en: "root volume size (GiB): expected at most 30, found 40",
      },
    },
    {
      facts: { rootVolume: null },
      found: null,
      expected: "gp2 o gp3, de 30 GiB como máximo",
      says: { es: "volumen raíz: se esperaba gp2 o gp3, de 30 GiB como máximo, no se encontró nada", en: "root volume: expected gp2 or gp3, at most 30 GiB, found nothing" },
    },
    // The mapping names a volume that DescribeVolumes did not return.
    {
      facts: { rootVolume: { volumeId: "vol-0c1d2e3f4a5b6c7d8", volumeType: null, size: null, encrypted: null } },
      found: null,
      says: {
        es: "tipo de volumen raíz: se esperaba gp2 o gp3, no se encontró nada; tamaño del volumen raíz (GiB): se esperaba como máximo 30, no se encontró nada",
        en: "root volume type: expected gp2 or gp3, found nothing; root volume size (GiB): expected at most 30, found nothing",
      },
    },
  ],
  errors: [
    {
      errors: [denied("ec2:DescribeVolumes")],
      says: { es: "falta el permiso ec2:DescribeVolumes (UnauthorizedOperation)", en: "the permission ec2:DescribeVolumes is missing" },
    },
  ],
});

checkTable("lab-ec2", "public-ip", SERVER, {
  passes: [{ publicIpAddress: "3.91.20.7", elasticIp: null }],
  fails: [
    {
      facts: { publicIpAddress: null },
      found: null,
      expected: "una dirección IPv4 pública",
      says: { es: "IPv4 pública: se esperaba una dirección IPv4 pública, no se encontró nada", en: "public IPv4: expected a public IPv4 address, found nothing" },
      hint: { es: "subred pública", en: "public subnet" },
    },
    // A stopped instance has no public IP: the fix is to start it, not to launch it elsewhere.
    {
      facts: { state: "stopped", publicIpAddress: null },
      found: null,
      hint: { es: "Estado de la instancia → Iniciar instancia", en: "Instance state → Start instance" },
    },
    { facts: { state: "stopping", publicIpAddress: null }, hint: { es: "aws ec2 start-instances", en: "aws ec2 start-instances" } },
  ],
});

checkTable("lab-ec2", "elastic-ip", SERVER, {
  passes: [{ elasticIp: { allocationId: null, publicIp: PUBLIC_IP } }],
  fails: [
    {
      facts: { elasticIp: null },
      found: null,
      expected: "una IP elástica asociada a la instancia",
      says: { es: "IP elástica: se esperaba una IP elástica asociada a la instancia, no se encontró nada", en: "Elastic IP: expected an Elastic IP associated with the instance, found nothing" },
    },
  ],
  errors: [{ errors: [denied("ec2:DescribeAddresses")], says: { es: "ec2:DescribeAddresses", en: "ec2:DescribeAddresses" } }],
});

checkTable("lab-ec2", "ssh-restricted", SERVER, {
  passes: [
    { ingress: [rule(22, "203.0.113.7/32"), APP_RULE] },
    { ingress: [rule(22, "2001:db8::7/128"), APP_RULE] },
    // Restricted through a security-group reference (a bastion's group), the safest way.
    { ingress: [rule(22, "sg-0bastion0000000001"), APP_RULE] },
    // A range that covers 22 is fine when its source is restricted.
    { ingress: [rule(20, "203.0.113.0/24", { toPort: 30 }), APP_RULE] },
    // UDP 22 open to the world is not SSH.
    { ingress: [rule(22, "203.0.113.7/32"), rule(22, "0.0.0.0/0", { protocol: "udp" }), APP_RULE] },
    // Port 5000 open to the world says nothing about SSH.
    { ingress: [rule(22, "203.0.113.7/32"), rule(5000, "0.0.0.0/0"), rule(5000, "::/0", { protocol: "tcp" })] },
  ],
  fails: [
    {
      facts: { ingress: [rule(22, "0.0.0.0/0"), APP_RULE] },
      found: "0.0.0.0/0",
      expected: "el puerto 22 abierto solo a tu IP (p. ej. 203.0.113.7/32), nunca a 0.0.0.0/0 ni ::/0",
      says: { es: "se encontró 0.0.0.0/0", en: "never to 0.0.0.0/0 or ::/0, found 0.0.0.0/0" },
    },
    // ::/0 is open too; students forget IPv6.
    { facts: { ingress: [rule(22, "203.0.113.7/32"), rule(22, "::/0"), APP_RULE] }, found: "203.0.113.7/32, ::/0", says: { es: "::/0", en: "::/0" } },
    // The world reaches 22 through a second security group.
    {
      facts: {
        securityGroups: [...SERVER.securityGroups, { groupId: "sg-0ffff00000000000a", groupName: "default" }],
        ingress: [rule(22, "203.0.113.7/32"), APP_RULE, rule(22, "0.0.0.0/0", { groupId: "sg-0ffff00000000000a" })],
      },
      found: "203.0.113.7/32, 0.0.0.0/0",
    },
    // «All traffic» from anywhere: checks/ec2.ts records it as protocol all, ports 0-65535.
    { facts: { ingress: [rule(0, "0.0.0.0/0", { protocol: "all", toPort: 65535 })] }, found: "0.0.0.0/0" },
    { facts: { ingress: [rule(0, "0.0.0.0/0", { toPort: 65535 })] }, found: "0.0.0.0/0" },
    { facts: { ingress: [rule(20, "0.0.0.0/0", { toPort: 30 }), APP_RULE] }, found: "0.0.0.0/0" },
    // Not open at all: the student cannot connect to run the app.
    {
      facts: { ingress: [APP_RULE] },
      found: null,
      says: { es: "orígenes permitidos en el puerto 22: se esperaba el puerto 22 abierto solo a tu IP", en: "found nothing" },
    },
    { facts: { ingress: [] }, found: null },
    // UDP 22 is not SSH: with no TCP rule, SSH is closed.
    { facts: { ingress: [rule(22, "203.0.113.7/32", { protocol: "udp" }), APP_RULE] }, found: null },
  ],
  errors: [
    {
      errors: [denied("ec2:DescribeSecurityGroups")],
      says: {
        es: "no se pudo comprobar: falta el permiso ec2:DescribeSecurityGroups (UnauthorizedOperation)",
        en: "could not check: the permission ec2:DescribeSecurityGroups is missing (UnauthorizedOperation)",
      },
    },
  ],
});

checkTable("lab-ec2", "port-5000-open", SERVER, {
  passes: [
    { ingress: [rule(22, "203.0.113.7/32"), rule(5000, "0.0.0.0/0")] },
    { ingress: [rule(22, "203.0.113.7/32"), rule(5000, "::/0")] },
    { ingress: [rule(22, "203.0.113.7/32"), rule(5000, "0.0.0.0/0", { toPort: 5010 })] },
    { ingress: [rule(22, "203.0.113.7/32"), rule(0, "0.0.0.0/0", { protocol: "all", toPort: 65535 })] },
    { ingress: [rule(22, "203.0.113.7/32"), rule(5000, "203.0.113.7/32"), rule(5000, "0.0.0.0/0")] },
  ],
  fails: [
    {
      facts: { ingress: [rule(22, "203.0.113.7/32")] },
      found: null,
      expected: "el puerto 5000 abierto a cualquier origen (0.0.0.0/0)",
      says: {
        es: "orígenes permitidos en el puerto 5000: se esperaba el puerto 5000 abierto a cualquier origen (0.0.0.0/0), no se encontró nada",
        en: "sources allowed on port 5000: expected port 5000 open to any source (0.0.0.0/0), found nothing",
      },
    },
    {
      facts: { ingress: [rule(22, "203.0.113.7/32"), rule(5000, "203.0.113.7/32")] },
      found: "203.0.113.7/32",
      says: { es: "se encontró 203.0.113.7/32", en: "found 203.0.113.7/32" },
    },
    // Port 80 is the usual guess; the app listens on 5000.
    { facts: { ingress: [rule(22, "203.0.113.7/32"), rule(80, "0.0.0.0/0")] }, found: null },
    { facts: { ingress: [rule(22, "203.0.113.7/32"), rule(5000, "0.0.0.0/0", { protocol: "udp" })] }, found: null },
  ],
  errors: [{ errors: [denied("ec2:DescribeSecurityGroups")], says: { es: "ec2:DescribeSecurityGroups", en: "ec2:DescribeSecurityGroups" } }],
});

checkTable("lab-ec2", "flask-app", SERVER, {
  passes: [
    { probes: { web: COURSE_APP } },
    // Only GET / is graded; the other paths are evidence.
    { probes: { web: web((path) => (path === "/" ? { status: 200, body: "Index!" } : { status: 404, body: "Not Found" })) } },
    { probes: { web: web(() => ({ status: 200, body: "<html><body><p>Index!</p></body></html>" })) } },
  ],
  fails: [
    {
      facts: { probes: { web: web(() => ({ error: { code: "refused", message: "connect ECONNREFUSED" } })) } },
      expected: "200 con el texto «Index!»",
      says: {
        es: "respuesta de GET /: se esperaba 200 con el texto «Index!», se encontró GET /, /members, /hello/calificar/ → conexión rechazada",
        en: "answer to GET /: expected 200 with the text «Index!», found GET /, /members, /hello/calificar/ → connection refused (nothing listens on that port)",
      },
    },
    {
      facts: { probes: { web: web(() => ({ status: 404, body: "Not Found" })) } },
      // Paths that answered alike read once.
      found: "GET /, /members, /hello/calificar/ → 404 «Not Found»",
      says: { es: "se encontró GET /, /members, /hello/calificar/ → 404 «Not Found»", en: "found GET /, /members, /hello/calificar/ → 404 «Not Found»" },
    },
    {
      // The app runs but GET / is broken: each path says what it answered.
      facts: { probes: { web: web((path) => (path === "/" ? { status: 500, body: "Internal Server Error" } : { status: 200, body: path === "/members" ? "Members" : "Hello calificar!" })) } },
      found: "GET / → 500 «Internal Server Error» · GET /members → 200 «Members» · GET /hello/calificar/ → 200 «Hello calificar!»",
    },
    {
      facts: { probes: { web: web(() => ({ status: 500, body: "Internal Server Error" })) } },
      says: { es: "GET /, /members, /hello/calificar/ → 500 «Internal Server Error»", en: "GET /, /members, /hello/calificar/ → 500 «Internal Server Error»" },
    },
    // Another app answers on 5000: the student started nginx or their own app.
    {
      facts: { probes: { web: web(() => ({ status: 200, body: "<html><body><h1>Welcome to nginx!</h1></body></html>" })) } },
      found: "GET /, /members, /hello/calificar/ → 200 «Welcome to nginx!»",
      says: { es: "se encontró GET /, /members, /hello/calificar/ → 200 «Welcome to nginx!»", en: "found GET /, /members, /hello/calificar/ → 200 «Welcome to nginx!»" },
    },
    {
      facts: { publicIpAddress: null, elasticIp: null, probes: { web: web(() => ({ error: { code: "no-address" } })) } },
      says: { es: "se encontró GET /, /members, /hello/calificar/ → sin dirección pública que probar", en: "found GET /, /members, /hello/calificar/ → no public address to probe" },
    },
    {
      facts: { probes: { web: web(() => ({ status: 302, error: { code: "redirect", message: "example.com" } })) } },
      says: { es: "redirige a otro sitio", en: "redirects elsewhere" },
    },
    // A stopped instance keeps no probe answers at all, and the fix is to start it first.
    {
      facts: { state: "stopped", publicIpAddress: null, probes: {} },
      found: null,
      says: { es: "no se encontró nada", en: "found nothing" },
      hint: { es: "La instancia está detenida", en: "The instance is stopped" },
    },
    { facts: { probes: {} }, found: null, hint: { es: "git clone", en: "git clone" } },
  ],
  errors: [
    {
      // A timeout is recorded on the candidate: the student's own network may block port 5000.
      facts: { errors: [PROBE_TIMEOUT], probes: { web: web(() => ({ error: { code: "timeout", message: "Headers Timeout Error" } })) } },
      errors: [],
      says: {
        es: `no se pudo comprobar: http://${PUBLIC_IP}:5000/ no respondió a tiempo (timeout)`,
        en: `could not check: http://${PUBLIC_IP}:5000/ did not answer in time (timeout)`,
      },
    },
  ],
});
