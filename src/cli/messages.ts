import type { Text } from "../core/text.js";

// Every sentence of the terminal door: usage, option help, placeholders, argument errors.

/** Placeholders of option values in `--help`, in the reader's language. */
export const HINT = {
  region: { es: "REGIÓN", en: "REGION" },
  regions: { es: "REGIÓN[,REGIÓN…]", en: "REGION[,REGION…]" },
  profile: { es: "PERFIL", en: "PROFILE" },
  file: { es: "ARCHIVO", en: "FILE" },
  folder: { es: "CARPETA", en: "FOLDER" },
  name: { es: "NOMBRE", en: "NAME" },
  idOrName: { es: "ID|NOMBRE", en: "ID|NAME" },
  seconds: { es: "SEGUNDOS", en: "SECONDS" },
  hostPort: { es: "HOST[:PUERTO]", en: "HOST[:PORT]" },
} satisfies Record<string, Text>;

/** What each option does; options shared by several commands say it once. */
export const OPTION = {
  lab: { es: "laboratorio", en: "lab" },
  region: { es: "región de AWS a calificar (por defecto la de tu perfil, o us-east-1)", en: "AWS region to grade (default: your profile's, or us-east-1)" },
  cleanupRegion: {
    es: "revisa solo esta(s) región(es) (por defecto, todas las habilitadas en tu cuenta)",
    en: "check only this region (or these, comma-separated; default: every region enabled in your account)",
  },
  profile: { es: "perfil de ~/.aws a usar", en: "~/.aws profile to use" },
  reportLang: { es: "idioma del informe", en: "report language" },
  lang: { es: "idioma", en: "language" },
  reportFormat: { es: "formato del informe", en: "report format" },
  format: { es: "formato", en: "format" },
  output: { es: "escribe el informe en ARCHIVO (y el resumen en la terminal)", en: "write the report to FILE (and the summary to the terminal)" },
  snapshot: { es: "califica una instantánea guardada, sin acceder a AWS", en: "grade a saved snapshot, with no AWS access" },
  cleanupSnapshot: { es: "usa una instantánea guardada, sin acceder a AWS", en: "use a saved snapshot, with no AWS access" },
  saveSnapshot: { es: "guarda lo recogido de la cuenta en ARCHIVO", en: "save what was collected from the account to FILE" },
  labs: { es: "carpeta con laboratorios propios (del instructor)", en: "folder with your own labs (instructor's)" },
  probeHost: {
    es: "prueba HTTP contra este host en lugar de la IP pública (emuladores, pruebas)",
    en: "send HTTP probes to this host instead of the public IP (emulators, tests)",
  },
  probeTimeout: { es: "tiempo máximo de cada prueba HTTP", en: "time limit of each HTTP probe" },
  probe: { es: "no hacer pruebas HTTP (las comprobaciones que las necesitan se omiten)", en: "make no HTTP probes (checks that need them are skipped)" },
  instance: { es: "califica esta instancia (lab-ec2)", en: "grade this instance (lab-ec2)" },
  function: { es: "califica esta función (lab-lambda)", en: "grade this function (lab-lambda)" },
  bucket: { es: "califica este bucket (lab-s3)", en: "grade this bucket (lab-s3)" },
  environment: { es: "califica este entorno (lab-beanstalk)", en: "grade this environment (lab-beanstalk)" },
  invoke: {
    es: "no invocar la función Lambda: leer su último registro en CloudWatch Logs (invocar es la única llamada activa de calificar)",
    en: "do not invoke the Lambda function: read its latest CloudWatch Logs stream (invoking is calificar's only active call)",
  },
  repo: { es: "repositorio de la entrega, para las comprobaciones de archivos", en: "submission repository, for file checks" },
  repoOnly: {
    es: "califica solo el repositorio (--repo), sin llamar a AWS ni necesitar credenciales",
    en: "grade the repository (--repo) alone, with no AWS call and no credentials needed",
  },
  debug: { es: "muestra detalles técnicos de los errores", en: "show technical details of errors" },
  help: { es: "muestra esta ayuda", en: "show this help" },
  policyFormat: {
    es: "json: la política IAM; cloudformation: la plantilla del rol de instructor (con ExternalId)",
    en: "json: the IAM policy; cloudformation: the instructor role's template (with ExternalId)",
  },
  policyInstructor: {
    es: "la política de TU identidad de instructor para calificar clase (sts:AssumeRole y AWS Organizations), en JSON",
    en: "the policy of YOUR instructor identity for calificar class (sts:AssumeRole and AWS Organizations), as JSON",
  },
  policyRoleName: { es: "con --instructor: el rol de los alumnos (por defecto calificar-readonly)", en: "with --instructor: the students' role (default calificar-readonly)" },
  policyInvoke: {
    es: "sin lambda:InvokeFunction, la única llamada activa (lab-lambda se califica entonces con --no-invoke)",
    en: "without lambda:InvokeFunction, the only active call (lab-lambda is then graded with --no-invoke)",
  },
} satisfies Record<string, Text>;

/** The first lines of each command's `--help`, and what closes it. */
export const USAGE = {
  grade: {
    es: "Uso: calificar <laboratorio> [opciones]\n\nInspecciona tu cuenta de AWS (solo lectura) y califica el laboratorio.\nEjemplo: npx calificar lab-ec2 --region us-east-1",
    en: "Usage: calificar <lab> [options]\n\nInspects your AWS account (read-only) and grades the lab.\nExample: npx calificar lab-ec2 --region us-east-1",
  },
  gradeFooter: {
    es: "Comandos: calificar labs (lista los laboratorios) · calificar limpieza (lo que aún cuesta dinero) · calificar policy (la política IAM que necesita).\nInstructores: calificar clase (toda la clase) · calificar tablero (la clase en una página) · calificar notas (libro de notas). Cada uno con --help.\nCódigos de salida: 0 aprobado · 1 calificado, no aprobado · 2 entrada incorrecta · 3 no se pudo calificar.",
    en: "Commands: calificar labs (list labs) · calificar cleanup (what still costs money) · calificar policy (the IAM policy it needs).\nInstructors: calificar class (the whole class) · calificar dashboard (the class on one page) · calificar gradebook (gradebook). Each with --help.\nExit codes: 0 passed · 1 graded, not passed · 2 bad input · 3 could not grade.",
  },
  labs: {
    es: "Uso: calificar labs [opciones]\n\nLista los laboratorios que se pueden calificar.",
    en: "Usage: calificar labs [options]\n\nLists the labs that can be graded.",
  },
  policy: {
    es: "Uso: calificar policy [opciones]   (alias: politica)\n\nImprime la política IAM de solo lectura que calificar necesita, derivada de lo que declara cada colector.",
    en: "Usage: calificar policy [options]   (alias: politica)\n\nPrints the read-only IAM policy calificar needs, derived from what every collector declares.",
  },
  cleanup: {
    es: "Uso: calificar limpieza [opciones]   (alias: calificar cleanup)\n\nLista lo que sigue costando dinero en tu cuenta de AWS, región por región, con un coste\nmensual estimado y el comando que lo borra. Solo lee: nunca borra ni cambia nada.",
    en: "Usage: calificar cleanup [options]   (alias: calificar limpieza)\n\nLists what still costs money in your AWS account, region by region, with an estimated\nmonthly cost and the command that deletes it. Read-only: it never deletes or changes anything.",
  },
  cleanupFooter: {
    es: "Códigos de salida: 0 no queda nada con coste · 1 queda algo con coste (o no se pudo revisar todo) · 2 entrada incorrecta · 3 no se pudo revisar la cuenta.",
    en: "Exit codes: 0 nothing billable left · 1 something billable left (or not everything could be checked) · 2 bad input · 3 the account could not be checked.",
  },
  options: { es: "Opciones:", en: "Options:" },
} satisfies Record<string, Text>;

/** Arguments the CLI cannot use (exit code 2). */
export const ARGS = {
  unknownOption: { es: "Opción desconocida: {option}", en: "Unknown option: {option}" },
  missingValue: { es: "Falta el valor de --{name}", en: "--{name} needs a value" },
  badLang: { es: "Idioma no disponible: {lang} (usa es o en)", en: "Language not available: {lang} (use es or en)" },
  unknownFormat: { es: "Formato desconocido: {format} (disponibles: {formats})", en: "Unknown format: {format} (available: {formats})" },
  missingLab: { es: "Indica el laboratorio, p. ej.: calificar lab-ec2", en: "Name the lab, e.g.: calificar lab-ec2" },
  extraArgument: { es: "Sobra el argumento «{value}»", en: "Unexpected argument «{value}»" },
  badProbeTimeout: { es: "--probe-timeout debe ser un número de segundos entre 0 y 120", en: "--probe-timeout must be a number of seconds between 0 and 120" },
  badRegion: {
    es: "Región no válida: «{value}» (p. ej. us-east-1, o varias separadas por comas)",
    en: "Invalid region: «{value}» (e.g. us-east-1, or several separated by commas)",
  },
  notCleanupSnapshot: {
    es: "La instantánea {file} no es de limpieza: se recogió para {lab}",
    en: "Snapshot {file} is not a cleanup snapshot: it was collected for {lab}",
  },
  aLab: { es: "un laboratorio", en: "a lab" },
  instructorJsonOnly: { es: "--instructor solo se imprime como json", en: "--instructor is only printed as json" },
  badRoleName: { es: "--role-name «{value}» no es un nombre de rol de IAM válido", en: "--role-name «{value}» is not a valid IAM role name" },
  snapshotLacksRegions: { es: "La instantánea {file} no tiene datos de {regions}", en: "Snapshot {file} has no data for {regions}" },
} satisfies Record<string, Text>;

/** Ctrl-C or SIGTERM outside `clase` (which stops cleanly and says so itself): the CLI stops at once. */
export const SIGNAL = {
  interrupted: {
    es: "calificar: interrumpido; no se escribió ningún archivo a medias.",
    en: "calificar: interrupted; no file was left half-written.",
  },
} satisfies Record<string, Text>;

/** calificar's own failure: never the user's fault, always with the way to report it. */
export const BUG = {
  unexpected: {
    es: "error inesperado (es un fallo de calificar, no tuyo): {message}\n  Ejecuta de nuevo con --debug y abre un issue con lo que salga.",
    en: "unexpected error (a bug in calificar, not yours): {message}\n  Run again with --debug and open an issue with what it prints.",
  },
} satisfies Record<string, Text>;
