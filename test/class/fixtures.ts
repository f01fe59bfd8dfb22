import type { ClassReport, ClassStudent, NotGraded } from "../../src/class/merge.js";
import type { CheckResult, CheckStatus } from "../../src/core/result.js";
import type { Lang } from "../../src/core/text.js";

// Class reports shaped as `calificar clase` writes them (the JSON report plus `student`), made by
// hand so these tests depend on nothing but the published report format. `randomClass` makes a
// deterministic pseudo-random class; the rest make single reports to the letter.

/** mulberry32: a tiny seeded generator, so a class of 200 is the same class on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface CheckDef {
  id: string;
  points: number;
  required: boolean;
  title: string;
  expected: string;
  wrong: string;
  hint: string;
  /** How often a student gets it right in the generated class. */
  passRate: number;
}

/** lab-ec2's account checks, with how often a class gets each one right. */
export const EC2_CHECKS: CheckDef[] = [
  { id: "instance-running", points: 2, required: true, title: "La instancia está en ejecución", expected: "running", wrong: "stopped", hint: "Consola de EC2 → Instancias → Iniciar instancia.", passRate: 0.95 },
  { id: "instance-type", points: 1, required: false, title: "Tipo de instancia t2.micro (capa gratuita)", expected: "t2.micro", wrong: "t3.small", hint: "Detén la instancia y cambia su tipo a t2.micro.", passRate: 0.85 },
  { id: "key-pair", points: 1, required: false, title: "Tiene un par de claves para SSH", expected: "un valor", wrong: "nada", hint: "Lánzala de nuevo con un par de claves.", passRate: 0.9 },
  { id: "root-volume", points: 1, required: false, title: "Volumen raíz SSD de uso general", expected: "gp2 o gp3", wrong: "standard", hint: "Usa un volumen gp3 de 8 GiB.", passRate: 0.8 },
  { id: "public-ip", points: 1, required: false, title: "Tiene una dirección IPv4 pública", expected: "un valor", wrong: "nada", hint: "Asígnale una IP pública.", passRate: 0.9 },
  { id: "elastic-ip", points: 1, required: false, title: "Tiene una IP elástica asociada", expected: "un valor", wrong: "nada", hint: "EC2 → IP elásticas → Asignar → Asociar.", passRate: 0.45 },
  { id: "ssh-restricted", points: 2, required: true, title: "SSH (puerto 22) abierto solo a orígenes restringidos", expected: "ni 0.0.0.0/0 ni ::/0", wrong: "0.0.0.0/0", hint: "Origen «Mi IP» en la regla SSH.", passRate: 0.4 },
  { id: "port-5000-open", points: 1, required: false, title: "Puerto 5000 (TCP) abierto para la app web", expected: "0.0.0.0/0", wrong: "nada", hint: "Agrega una regla TCP 5000.", passRate: 0.75 },
  { id: "flask-app", points: 3, required: true, title: "La app Flask del curso responde en :5000", expected: "200 con «Index!»", wrong: "conexión rechazada", hint: "Arranca app.py en 0.0.0.0:5000.", passRate: 0.6 },
];

export function student(id: string, over: Partial<ClassStudent> = {}): ClassStudent {
  return { id, name: `Nombre ${id}`, email: `${id}@uni.es`, accountId: "111122223333", region: "eu-west-1", ...over };
}

function checkResult(def: CheckDef, status: CheckStatus): CheckResult {
  const passed = status === "passed";
  return {
    id: def.id,
    status,
    points: passed ? def.points : 0,
    maxPoints: def.points,
    title: def.title,
    message:
      status === "passed"
        ? `${def.id}: ${def.expected}`
        : status === "failed"
          ? `${def.id}: se esperaba ${def.expected}, se encontró ${def.wrong}`
          : status === "error"
            ? "no se pudo comprobar: falta el permiso ec2:DescribeVolumes (UnauthorizedOperation)."
            : "omitida: --no-probe",
    expected: status === "failed" ? def.expected : null,
    found: status === "failed" ? def.wrong : null,
    hint: status === "failed" || status === "error" ? def.hint : null,
    severity: "error",
    required: def.required,
  };
}

export interface ReportSpec {
  student: ClassStudent;
  /** Status per check id; checks not named pass. */
  statuses?: Partial<Record<string, CheckStatus>>;
  generatedAt?: string;
  lab?: { id: string; title: string };
  lang?: Lang;
  checks?: CheckDef[];
  ungradable?: boolean;
}

/** One class report, scored the way calificar scores: the pass mark and every required check. */
export function classReport(spec: ReportSpec): ClassReport {
  const defs = spec.checks ?? EC2_CHECKS;
  const checks = defs.map((def) => checkResult(def, spec.ungradable ? "error" : (spec.statuses?.[def.id] ?? "passed")));
  const score = checks.reduce((sum, c) => sum + c.points, 0);
  const maxScore = checks.reduce((sum, c) => sum + c.maxPoints, 0);
  const passMark = 70;
  const passed = maxScore > 0 && (score / maxScore) * 100 >= passMark && checks.every((c) => !c.required || c.status === "passed");
  const at = spec.generatedAt ?? "2026-11-28T10:00:00.000Z";
  const accountId = spec.student.accountId ?? "111122223333";
  return {
    schemaVersion: 1,
    tool: { name: "calificar", version: "0.1.0" },
    lab: spec.lab ?? { id: "lab-ec2", title: "Un servidor en EC2" },
    lang: spec.lang ?? "es",
    account: { id: accountId, arn: `arn:aws:sts::${accountId}:assumed-role/calificar-lectura/calificar` },
    region: spec.student.region ?? "eu-west-1",
    generatedAt: at,
    collectedAt: at,
    score,
    maxScore,
    passMark,
    passed,
    ungradable: spec.ungradable ?? false,
    scope: { account: "graded", repository: "not-requested", reason: null },
    resource: { kind: "instance", id: "i-0123456789abcdef0", name: "servidor", region: spec.student.region ?? "eu-west-1", others: [] },
    notes: [],
    elsewhere: [],
    checks,
    errors: checks
      .filter((c) => c.status === "error")
      .map(() => ({ action: "ec2:DescribeVolumes", code: "UnauthorizedOperation", kind: "denied" as const, message: "You are not authorized" })),
    student: spec.student,
  };
}

export function notGraded(id: string, generatedAt = "2026-11-28T10:00:00.000Z", over: Partial<ClassStudent> = {}): NotGraded {
  return {
    student: student(id, over),
    why: { es: "no se pudo asumir el rol (AccessDenied)", en: "the role could not be assumed (AccessDenied)" },
    generatedAt,
  };
}

const FIRST = ["Ana", "Luis", "Eva", "Mar", "Álvaro", "Begoña", "Íñigo", "Noé", "Zoe", "Chen", "O'Brien", "Ñusta"];
const LAST = ["García", "Pérez", "López", "Martín", "Sánchez", "Gómez", "Muñoz", "Díaz", "Ruiz", "Yáñez"];

/**
 * A class of `size` students, the same for the same seed: about 1 in 20 not graded, the rest with
 * outcomes drawn from each check's pass rate, an occasional error or skipped check, and names
 * with accents, quotes and markup (a `</script>` too) to keep renderers honest.
 */
export function randomClass(size: number, seed = 1): { reports: ClassReport[]; notGraded: NotGraded[] } {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const reports: ClassReport[] = [];
  const skipped: NotGraded[] = [];
  for (let i = 1; i <= size; i++) {
    const id = `alumno-${String(i).padStart(4, "0")}`;
    const name = i === 7 ? "Eve </script><script>alert(1)</script>" : i === 13 ? "=HYPERLINK(\"http://x\")" : `${pick(FIRST)} ${pick(LAST)}`;
    const who = student(id, { name, accountId: String(100000000000 + i) });
    const minute = String(i % 60).padStart(2, "0");
    const at = `2026-11-28T10:${minute}:00.000Z`;
    // Students 7 and 13, whose names carry markup and a formula, are always graded.
    if (random() < 0.05 && i !== 7 && i !== 13) {
      skipped.push({ ...notGraded(id, at), student: who });
      continue;
    }
    // A student's skill shifts every check's odds a little, so scores spread out.
    const skill = random() * 0.5 - 0.25;
    const statuses: Record<string, CheckStatus> = {};
    for (const def of EC2_CHECKS) {
      const roll = random();
      statuses[def.id] = roll < 0.01 ? "error" : roll < 0.02 ? "skipped" : random() < def.passRate + skill ? "passed" : "failed";
    }
    reports.push(classReport({ student: who, statuses, generatedAt: at }));
  }
  return { reports, notGraded: skipped };
}
