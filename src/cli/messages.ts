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
  hostPort: { es: "[http://]HOST[:PUERTO]", en: "[http://]HOST[:PORT]" },
  tag: { es: "ETIQUETA", en: "TAG" },
  assignment: { es: "TAREA", en: "ASSIGNMENT" },
  csvFile: { es: "ARCHIVO.csv", en: "FILE.csv" },
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
  snapshot: { es: "califica una instantánea guardada (hasta 100 MB), sin acceder a AWS", en: "grade a saved snapshot (up to 100 MB), with no AWS access" },
  cleanupSnapshot: { es: "usa una instantánea guardada, sin acceder a AWS", en: "use a saved snapshot, with no AWS access" },
  saveSnapshot: { es: "guarda lo recogido de la cuenta en ARCHIVO", en: "save what was collected from the account to FILE" },
  labs: { es: "carpeta con laboratorios propios (del instructor; cada archivo hasta 1 MB)", en: "folder with your own labs (instructor's; each file up to 1 MB)" },
  probeHost: {
    es: "prueba HTTP contra este host en lugar de la IP pública o la URL de la API (emuladores, pruebas); con http:// también en lugar de https",
    en: "send HTTP probes to this host instead of the public IP or the API's URL (emulators, tests); with http:// also instead of https",
  },
  probeTimeout: { es: "tiempo máximo de cada prueba HTTP", en: "time limit of each HTTP probe" },
  probe: { es: "no hacer pruebas HTTP (las comprobaciones que las necesitan se omiten)", en: "make no HTTP probes (checks that need them are skipped)" },
  instance: { es: "califica esta instancia (lab-ec2)", en: "grade this instance (lab-ec2)" },
  function: { es: "califica esta función (lab-lambda)", en: "grade this function (lab-lambda)" },
  bucket: { es: "califica este bucket (lab-s3, lab-archivos, lab-clasificador)", en: "grade this bucket (lab-s3, lab-archivos, lab-clasificador)" },
  environment: { es: "califica este entorno (lab-beanstalk)", en: "grade this environment (lab-beanstalk)" },
  api: { es: "califica esta API de API Gateway, por id o nombre (lab-api-hola, lab-crud)", en: "grade this API Gateway API, by id or name (lab-api-hola, lab-crud)" },
  queue: { es: "califica esta cola de SQS (lab-colas)", en: "grade this SQS queue (lab-colas)" },
  tryCrud: {
    es: "lab-crud: prueba la API de verdad (crea, lee, actualiza, lista y borra un elemento de prueba, y lo borra aunque falle un paso); es una prueba activa, como invocar la función",
    en: "lab-crud: really exercise the API (create, read, update, list and delete a test item, removed even when a step fails); an active test, like invoking the function",
  },
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
  // calificar clase, tablero, notas
  classLab: { es: "laboratorio", en: "lab" },
  classRoster: { es: "lista de alumnos (CSV: alumno, nombre, email, cuenta o rol, external_id, region)", en: "class roster (CSV: alumno/student, nombre/name, email, cuenta/account or rol/role_arn, external_id, region)" },
  classOrganizacion: { es: "los alumnos son las cuentas de tu organización de AWS (sin la de administración)", en: "the students are your AWS Organization's accounts (not the management one)" },
  classTagAlumno: { es: "con --organizacion: el id de cada alumno es el valor de esta etiqueta de su cuenta (si no, el nombre de la cuenta)", en: "with --organization: each student id is this tag's value on their account (else the account name)" },
  classRoleName: { es: "rol que se asume en las filas con cuenta (el de policies/instructor-role.yaml)", en: "role assumed for rows that give an account (the one of policies/instructor-role.yaml)" },
  classExternalId: { es: "ExternalId para las filas que no traen el suyo", en: "ExternalId for rows that do not give their own" },
  classRegion: { es: "región a calificar cuando la fila no trae la suya (por defecto la de tu perfil, o us-east-1)", en: "region to grade when the row gives none (default: your profile's, or us-east-1)" },
  classProfile: { es: "tu perfil de ~/.aws (el del instructor)", en: "your ~/.aws profile (the instructor's)" },
  classOut: { es: "carpeta de los informes, las instantáneas y notas.csv", en: "folder for the reports, the snapshots and notas.csv" },
  classConcurrency: { es: "alumnos calificados a la vez", en: "students graded at a time" },
  classTimeout: { es: "tiempo máximo por alumno", en: "time limit per student" },
  classResume: { es: "conserva a los alumnos ya calificados en --out y califica al resto", en: "keep the students already graded in --out and grade the rest" },
  classShard: { es: "califica solo la parte i de n de la lista (una matriz de CI)", en: "grade only part i of n of the roster (a CI matrix)" },
  classSnapshotDir: { es: "califica las instantáneas guardadas (<alumno>.snapshot.json), sin AWS", en: "grade saved snapshots (<student>.snapshot.json), with no AWS access" },
  classLabs: { es: "carpeta con laboratorios propios", en: "folder with your own labs" },
  classLang: { es: "idioma de los informes", en: "language of the reports" },
  classProbeHost: { es: "prueba HTTP contra este host en lugar de la IP pública (emuladores, pruebas)", en: "send HTTP probes to this host instead of the public IP (emulators, tests)" },
  classProbeTimeout: { es: "tiempo máximo de cada prueba HTTP", en: "time limit of each HTTP probe" },
  classProbe: { es: "no hacer pruebas HTTP", en: "make no HTTP probes" },
  classInvoke: { es: "no invocar las funciones Lambda (lab-lambda lee CloudWatch Logs)", en: "do not invoke Lambda functions (lab-lambda reads CloudWatch Logs)" },
  mergeFolders: { es: "carpetas de informes", en: "reports folders" },
  tableroOutput: { es: "página que se escribe («-»: la salida estándar)", en: "page to write («-»: standard output)" },
  notasOutput: { es: "archivo que se escribe (notas.csv, o notas-canvas.csv con --canvas; «-»: la salida estándar)", en: "file to write (notas.csv, or notas-canvas.csv with --canvas; «-»: standard output)" },
  mergeCanvas: { es: "el formato de importación de Canvas (Student, ID, SIS User ID, SIS Login ID, Section, la tarea)", en: "Canvas's import format (Student, ID, SIS User ID, SIS Login ID, Section, the assignment)" },
  mergeCanvasAssignment: { es: "con --canvas: la columna de la tarea (por defecto el id del laboratorio; «Título (123)» actualiza la tarea 123)", en: "with --canvas: the assignment column (default: the lab id; «Title (123)» updates assignment 123)" },
  mergeCanvasId: { es: "con --canvas: cómo reconoce Canvas al alumno: su SIS Login ID es el email o el alumno, o su SIS User ID es el alumno", en: "with --canvas: how Canvas finds the student: their SIS Login ID is the email or the student id, or their SIS User ID is the student id" },
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
  clase: { es: "Uso: calificar clase <laboratorio> --roster alumnos.csv [--out informes/] [opciones]   (alias: class)\n\nCalifica el laboratorio en la cuenta de cada alumno, asumiendo su rol de solo lectura. Deja en --out\n<alumno>.json (su informe), <alumno>.snapshot.json (la evidencia) y notas.csv (el libro de notas).", en: "Usage: calificar class <lab> --roster students.csv [--out reports/] [options]   (alias: clase)\n\nGrades the lab in each student's account, assuming their read-only role. Leaves in --out\n<student>.json (their report), <student>.snapshot.json (the evidence) and notas.csv (the gradebook)." },
  claseFooter: { es: "Después: calificar tablero informes/ (la clase en una página) · calificar notas informes/ --canvas.\nCódigos de salida: 0 todos calificados · 1 algunos sin calificar · 2 entrada incorrecta · 3 nadie calificado · 130 interrumpido.", en: "Then: calificar dashboard reports/ (the class on one page) · calificar notas reports/ --canvas.\nExit codes: 0 all graded · 1 some not graded · 2 bad input · 3 nobody graded · 130 interrupted." },
  tablero: { es: "Uso: calificar tablero CARPETA... [--output tablero.html]   (alias: dashboard)\n\nLa clase en una página HTML autocontenida (sin red): resumen, distribución de notas, cada\ncomprobación, la tabla de alumnos con su informe y los que no se pudieron calificar.", en: "Usage: calificar dashboard FOLDER... [--output tablero.html]   (alias: tablero)\n\nThe class on one self-contained HTML page (no network): summary, score distribution, each\ncheck, the students' table with their reports and those who could not be graded." },
  notas: { es: "Uso: calificar notas CARPETA... [--output notas.csv] [--canvas]   (alias: gradebook)\n\nEl libro de notas de una o varias carpetas de informes (las partes de una matriz de CI), para\nMoodle (notas.csv) o Canvas (--canvas).", en: "Usage: calificar gradebook FOLDER... [--output notas.csv] [--canvas]   (alias: notas)\n\nThe gradebook of one or several reports folders (the parts of a CI matrix), for Moodle\n(notas.csv) or Canvas (--canvas)." },
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

/** What the terminal shows while calificar waits on AWS (stderr, on a terminal only). */
export const WAIT = {
  grading: { es: "Consultando AWS… {seconds} s", en: "Waiting for AWS… {seconds} s" },
} satisfies Record<string, Text>;
