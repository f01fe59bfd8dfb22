import { fill, type Lang, type Text } from "../core/text.js";

/**
 * What `calificar clase`, `tablero` and `notas` say to an instructor, in es and en. Why a student
 * could not be graded is also written into their record and their row of notas.csv, so those
 * sentences name the fix, not only the failure.
 */
export const CLASS_MSG = {
  // -- Why a student could not be graded (each names what to do) ------------------------------
  roleDenied: {
    es: "no se pudo asumir el rol {role} (AccessDenied). AWS responde igual si el rol no existe, si no confía en tu cuenta {instructor} o si su ExternalId no es «{externalId}». Que el alumno despliegue o actualice el rol: aws cloudformation deploy --template-file policies/instructor-role.yaml --stack-name calificar --capabilities CAPABILITY_NAMED_IAM --parameter-overrides InstructorAccountId={instructor} ExternalId={externalId}",
    en: "the role {role} could not be assumed (AccessDenied). AWS answers the same when the role does not exist, when it does not trust your account {instructor} and when its ExternalId is not «{externalId}». Have the student deploy or update the role: aws cloudformation deploy --template-file policies/instructor-role.yaml --stack-name calificar --capabilities CAPABILITY_NAMED_IAM --parameter-overrides InstructorAccountId={instructor} ExternalId={externalId}",
  },
  roleDeniedNoExternalId: {
    es: "no se pudo asumir el rol {role} (AccessDenied): o no existe, o no confía en tu cuenta {instructor}, o exige un ExternalId y no se dio ninguno (el rol de policies/instructor-role.yaml lo exige: ponlo en la columna external_id o en --external-id). Que el alumno despliegue el rol: aws cloudformation deploy --template-file policies/instructor-role.yaml --stack-name calificar --capabilities CAPABILITY_NAMED_IAM --parameter-overrides InstructorAccountId={instructor} ExternalId=<el del curso>",
    en: "the role {role} could not be assumed (AccessDenied): it does not exist, or does not trust your account {instructor}, or it requires an ExternalId and none was given (the role of policies/instructor-role.yaml requires one: put it in the external_id column or in --external-id). Have the student deploy the role: aws cloudformation deploy --template-file policies/instructor-role.yaml --stack-name calificar --capabilities CAPABILITY_NAMED_IAM --parameter-overrides InstructorAccountId={instructor} ExternalId=<the course's>",
  },
  instructorPolicy: {
    es: "tu identidad {caller} no tiene permiso para sts:AssumeRole sobre {role}: añádele la política policies/instructor-policy.json (calificar policy --instructor)",
    en: "your identity {caller} is not allowed sts:AssumeRole on {role}: attach policies/instructor-policy.json to it (calificar policy --instructor)",
  },
  instructorCredentials: {
    es: "tus credenciales de instructor dejaron de valer durante la ejecución ({code}): renuévalas y vuelve a ejecutar con --resume",
    en: "your instructor credentials stopped working during the run ({code}): renew them and run again with --resume",
  },
  throttled: {
    es: "AWS limitó las llamadas a sts:AssumeRole de tu cuenta {instructor} ({code}) aun después de reintentar: vuelve a ejecutar con --resume y un --concurrency menor",
    en: "AWS throttled your account {instructor}'s sts:AssumeRole calls ({code}) even after retrying: run again with --resume and a lower --concurrency",
  },
  stsTimeout: {
    es: "STS no respondió a tiempo al asumir el rol {role} ({code}): vuelve a ejecutar con --resume",
    en: "STS did not answer in time when assuming the role {role} ({code}): run again with --resume",
  },
  regionDisabled: {
    es: "STS no está activado en la región {region} de tu cuenta ({code}): actívalo en IAM › Configuración de la cuenta, o usa --region con otra región",
    en: "STS is not activated in region {region} of your account ({code}): activate it in IAM › Account settings, or use --region with another region",
  },
  stsOther: {
    es: "no se pudo asumir el rol {role}: AWS respondió {code} ({message})",
    en: "the role {role} could not be assumed: AWS answered {code} ({message})",
  },
  deadline: {
    es: "no terminó en {seconds} s, el límite por alumno (--timeout): vuelve a ejecutar con --resume, o con un --timeout mayor",
    en: "did not finish within {seconds} s, the per-student limit (--timeout): run again with --resume, or with a larger --timeout",
  },
  bug: {
    es: "error inesperado de calificar (es un fallo de calificar, no del alumno): {message}",
    en: "unexpected calificar error (a bug in calificar, not the student's): {message}",
  },
  unreachable: {
    es: "se asumió el rol, pero la cuenta no respondió con sus credenciales: {reason}",
    en: "the role was assumed, but the account did not answer with its credentials: {reason}",
  },
  noSnapshot: {
    es: "no hay instantánea {file}: no se calificó en la ejecución que la guardó",
    en: "there is no snapshot {file}: the run that saved them did not grade this student",
  },
  badSnapshot: {
    es: "la instantánea {file} no sirve: {reason}",
    en: "the snapshot {file} cannot be used: {reason}",
  },
  snapshotOtherAccount: {
    es: "la instantánea {file} es de la cuenta {found}, y la lista dice {expected}",
    en: "the snapshot {file} is of account {found}, and the roster says {expected}",
  },
  noAccess: {
    es: "la lista no da ni cuenta ni rol para este alumno",
    en: "the roster gives no account nor role for this student",
  },
  interrupted: {
    es: "la ejecución se interrumpió antes de calificarlo: vuelve a ejecutar con --resume",
    en: "the run was interrupted before grading them: run again with --resume",
  },

  // -- The instructor's own access: nobody can be graded (exit 3) --------------------------------
  orgNotInUse: {
    es: "tu cuenta {account} no pertenece a ninguna organización de AWS (AWSOrganizationsNotInUseException): usa --roster",
    en: "your account {account} is not in an AWS Organization (AWSOrganizationsNotInUseException): use --roster",
  },
  orgDenied: {
    es: "AWS Organizations no deja a {caller} listar las cuentas ({code}): ejecútalo desde la cuenta de administración de la organización (o una administradora delegada) con la política policies/instructor-policy.json",
    en: "AWS Organizations does not let {caller} list the accounts ({code}): run it from the organization's management account (or a delegated administrator) with policies/instructor-policy.json",
  },
  orgFailed: {
    es: "no se pudieron listar las cuentas de la organización: AWS respondió {code} ({message})",
    en: "the organization's accounts could not be listed: AWS answered {code} ({message})",
  },
  orgEmpty: {
    es: "la organización no tiene cuentas de alumnos activas (solo la de administración)",
    en: "the organization has no active student accounts (only the management one)",
  },

  // -- Options --------------------------------------------------------------------------------
  needLab: { es: "Indica el laboratorio, p. ej.: calificar clase lab-ec2 --roster alumnos.csv", en: "Name the lab, e.g.: calificar clase lab-ec2 --roster alumnos.csv" },
  extraArgument: { es: "Sobra el argumento «{value}»", en: "Unexpected argument «{value}»" },
  needRoster: {
    es: "Indica quién se califica: --roster alumnos.csv, o --organizacion (las cuentas de tu organización de AWS)",
    en: "Say who is graded: --roster students.csv, or --organization (your AWS Organization's accounts)",
  },
  rosterAndOrg: { es: "Usa --roster o --organizacion, no los dos", en: "Use --roster or --organization, not both" },
  orgAndSnapshots: {
    es: "--snapshot-dir califica sin AWS: no se puede combinar con --organizacion (usa --roster, o nada para tomar los alumnos de las instantáneas)",
    en: "--snapshot-dir grades without AWS: it cannot go with --organization (use --roster, or nothing to take the students from the snapshots)",
  },
  tagWithoutOrg: { es: "--tag-alumno solo tiene sentido con --organizacion", en: "--tag-alumno only makes sense with --organization" },
  rosterUnreadable: { es: "No se puede leer la lista de alumnos {file}", en: "Cannot read the roster {file}" },
  snapshotDirUnreadable: { es: "No se puede leer la carpeta de instantáneas {dir}", en: "Cannot read the snapshots folder {dir}" },
  snapshotDirEmpty: {
    es: "La carpeta {dir} no tiene instantáneas (<alumno>.snapshot.json)",
    en: "The folder {dir} has no snapshots (<student>.snapshot.json)",
  },
  badNumber: { es: "{option} debe ser un número entero entre {min} y {max}", en: "{option} must be a whole number between {min} and {max}" },
  badExternalId: {
    es: "--external-id «{value}»: AWS admite de 2 a 1224 caracteres: letras, dígitos y + = , . @ : / -",
    en: "--external-id «{value}»: AWS accepts 2 to 1224 characters: letters, digits and + = , . @ : / -",
  },
  badRegion: { es: "--region «{value}»: no es un nombre de región de AWS (p. ej. eu-west-1)", en: "--region «{value}»: not an AWS region name (e.g. eu-west-1)" },
  badTag: { es: "--tag-alumno «{value}»: no es un nombre de etiqueta válido", en: "--tag-alumno «{value}»: not a valid tag key" },
  instructorUnknown: {
    es: "No se pudo saber quién eres en AWS: {reason}",
    en: "Could not tell who you are in AWS: {reason}",
  },

  // -- Progress and summary -------------------------------------------------------------------
  progressLine: {
    es: "{done}/{total} alumnos: {graded} calificados, {notGraded} sin calificar, faltan {remaining}{eta}",
    en: "{done}/{total} students: {graded} graded, {notGraded} not graded, {remaining} remaining{eta}",
  },
  eta: { es: " (unos {time} más)", en: " (about {time} more)" },
  bar: { es: "calificados {graded} · sin calificar {notGraded} · faltan {remaining}{eta}", en: "graded {graded} · not graded {notGraded} · remaining {remaining}{eta}" },
  barEta: { es: " · {time}", en: " · {time}" },
  starting: {
    es: "Calificando {lab} para {count} alumnos ({concurrency} a la vez){shard}",
    en: "Grading {lab} for {count} students ({concurrency} at a time){shard}",
  },
  startingResumed: { es: "se conservan {count} alumnos ya calificados (--resume)", en: "keeping {count} students already graded (--resume)" },
  startingShard: { es: ", parte {index} de {count}", en: ", part {index} of {count}" },
  interruptedNote: {
    es: "Interrumpido: los informes terminados están completos en {out}. Para seguir: la misma orden con --resume.",
    en: "Interrupted: the finished reports are whole in {out}. To go on: the same command with --resume.",
  },
  summaryHeader: { es: "{lab}: {size} alumnos", en: "{lab}: {size} students" },
  summaryCounts: {
    es: "  {passed} aprobados · {failed} no aprobados · {notGraded} sin calificar",
    en: "  {passed} passed · {failed} not passed · {notGraded} not graded",
  },
  summaryMostFailed: { es: "  Comprobaciones más falladas: {list}", en: "  Checks failed most: {list}" },
  summaryMostFailedItem: { es: "{id} ({failed} de {withCheck})", en: "{id} ({failed} of {withCheck})" },
  summaryNotGraded: { es: "  Sin calificar:", en: "  Not graded:" },
  summaryFiles: { es: "  Informes en {out} · libro de notas: {gradebook}", en: "  Reports in {out} · gradebook: {gradebook}" },
  summaryNobody: {
    es: "  No se pudo calificar a nadie: revisa primero los motivos de arriba.",
    en: "  Nobody could be graded: look at the reasons above first.",
  },

  // -- tablero / notas ------------------------------------------------------------------------
  needFolders: { es: "Indica al menos una carpeta de informes, p. ej.: calificar {command} informes/", en: "Name at least one reports folder, e.g.: calificar {command} informes/" },
  folderMissing: { es: "No existe la carpeta de informes {dir}", en: "No reports folder at {dir}" },
  noReports: { es: "No hay informes de alumnos en {dirs}", en: "There are no student reports in {dirs}" },
  skippedFile: { es: "aviso: se omite {file}: {reason}", en: "warning: skipping {file}: {reason}" },
  notJson: { es: "no es JSON", en: "it is not JSON" },
  notAReport: { es: "no es un informe de calificar clase (ni un registro de alumno sin calificar)", en: "it is not a report of calificar clase (nor a record of a student not graded)" },
  reportSchema: { es: "no sigue schemas/report.schema.json ({reason})", en: "it does not follow schemas/report.schema.json ({reason})" },
  conflicts: {
    es: "aviso: {count} alumno(s) aparecen en varias carpetas; se usa el informe más reciente de cada uno ({students})",
    en: "warning: {count} student(s) appear in several folders; the newest report of each is used ({students})",
  },
  written: { es: "Escrito {file} ({size} alumnos)", en: "Wrote {file} ({size} students)" },
  canvasAssignment: {
    es: "--canvas-assignment «{value}»: Canvas leería esa cabecera como otra cosa; elige otro nombre de tarea",
    en: "--canvas-assignment «{value}»: Canvas would read that header as something else; choose another assignment name",
  },
  canvasIdentity: { es: "--canvas-id debe ser email, login o sis", en: "--canvas-id must be email, login or sis" },
} satisfies Record<string, Text>;

export type ClassMessage = keyof typeof CLASS_MSG;

/** A message with its placeholders filled, in both languages. */
export function classText(key: ClassMessage, data: Record<string, string | number> = {}): Text {
  const message = CLASS_MSG[key];
  return { es: fill(message.es, data), en: fill(message.en, data) };
}

export function say(key: ClassMessage, lang: Lang, data: Record<string, string | number> = {}): string {
  return fill(CLASS_MSG[key][lang], data);
}

/** «1 min 20 s», «45 s»: for the ETA. */
export function duration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes < 60) return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

// ---- roster.ts -------------------------------------------------------------------------------

export const ROSTER_MSG = {
  header: { es: "La lista de alumnos tiene {count} problema(s):", en: "The roster has {count} problem(s):" },
  line: { es: "  línea {line}", en: "  line {line}" },
  unreadable: {
    es: "el CSV no se puede leer a partir de aquí ({reason}); ¿falta cerrar unas comillas?",
    en: "the CSV cannot be read from here on ({reason}); is a quote left open?",
  },
  empty: { es: "la lista está vacía: no hay cabecera", en: "the roster is empty: there is no header" },
  noStudents: {
    es: "la lista no tiene alumnos: solo la cabecera",
    en: "the roster has no students: only the header",
  },
  unknownColumns: {
    es: "columnas desconocidas: {columns}. Las válidas son: {valid}",
    en: "unknown columns: {columns}. Valid ones are: {valid}",
  },
  emptyColumnName: {
    es: "la columna {position} no tiene nombre",
    en: "column {position} has no name",
  },
  repeatedColumn: {
    es: "las columnas «{first}» y «{second}» dicen lo mismo ({field}): deja una",
    en: "columns «{first}» and «{second}» mean the same ({field}): keep one",
  },
  noStudentColumn: {
    es: "falta la columna «alumno» (o «student»), que identifica a cada alumno",
    en: "the «alumno» (or «student») column is missing: it identifies each student",
  },
  noAccountColumn: {
    es: "falta la columna «cuenta» (ID de cuenta de AWS) o «rol» (ARN del rol que calificar asume)",
    en: "the «cuenta» (AWS account id) or «rol» (ARN of the role calificar assumes) column is missing",
  },
  extraFields: {
    es: "la fila tiene {count} valores y la cabecera {columns} columnas: ¿hay un separador de más o falta entrecomillar un valor?",
    en: "the row has {count} values and the header {columns} columns: is there a stray separator, or a value that needs quotes?",
  },
  missingStudent: { es: "falta el alumno (columna «{column}»)", en: "the student is missing (column «{column}»)" },
  studentSeparator: {
    es: "alumno «{value}»: no puede llevar «/» ni «\\» (será el nombre de su archivo de informe)",
    en: "student «{value}»: it cannot contain «/» or «\\» (it becomes the name of their report file)",
  },
  studentDots: {
    es: "alumno «{value}»: no puede llevar «..» ni empezar por «.» (será el nombre de su archivo de informe)",
    en: "student «{value}»: it cannot contain «..» or start with «.» (it becomes the name of their report file)",
  },
  studentControl: {
    es: "alumno «{value}»: lleva caracteres de control (saltos de línea, tabuladores…)",
    en: "student «{value}»: it contains control characters (line breaks, tabs…)",
  },
  studentChars: {
    es: "alumno «{value}»: solo se admiten letras sin tilde, dígitos y . _ @ - (sobra: {chars})",
    en: "student «{value}»: only unaccented letters, digits and . _ @ - are allowed (not allowed: {chars})",
  },
  studentReserved: {
    es: "alumno «{value}»: es un nombre reservado de Windows y no puede ser un archivo",
    en: "student «{value}»: it is a reserved Windows name and cannot be a file",
  },
  studentLong: {
    es: "alumno «{value}»: tiene {length} caracteres, el máximo es {max}",
    en: "student «{value}»: it is {length} characters long, at most {max} are allowed",
  },
  duplicate: {
    es: "alumno «{value}» repetido: también está en la línea {other}",
    en: "student «{value}» appears twice: also at line {other}",
  },
  duplicateCase: {
    es: "alumno «{value}» repetido: en la línea {other} está como «{otherValue}» (mayúsculas y minúsculas no distinguen archivos en Windows ni macOS)",
    en: "student «{value}» appears twice: line {other} has it as «{otherValue}» (Windows and macOS file names ignore case)",
  },
  accountDigits: {
    es: "cuenta «{value}»: un ID de cuenta de AWS son exactamente 12 dígitos (tiene {count})",
    en: "account «{value}»: an AWS account id is exactly 12 digits (it has {count})",
  },
  accountLostZeros: {
    es: "cuenta «{value}»: tiene {count} dígitos, y un ID de cuenta tiene 12. ¿La hoja de cálculo quitó los ceros iniciales? Formatea la columna como texto",
    en: "account «{value}»: it has {count} digits, and an account id has 12. Did the spreadsheet drop leading zeros? Format the column as text",
  },
  accountScientific: {
    es: "cuenta «{value}»: la hoja de cálculo la escribió en notación científica. Formatea la columna como texto y vuelve a escribir el ID de 12 dígitos",
    en: "account «{value}»: the spreadsheet wrote it in scientific notation. Format the column as text and type the 12-digit id again",
  },
  accountChars: {
    es: "cuenta «{value}»: un ID de cuenta de AWS son 12 dígitos, sin letras ni otros signos",
    en: "account «{value}»: an AWS account id is 12 digits, with no letters or other signs",
  },
  roleArn: {
    es: "rol «{value}»: no es el ARN de un rol de IAM (arn:aws:iam::123456789012:role/NOMBRE)",
    en: "role «{value}»: it is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)",
  },
  accountMismatch: {
    es: "la cuenta {account} no coincide con la del rol ({roleAccount} en {value})",
    en: "account {account} does not match the role's ({roleAccount} in {value})",
  },
  noAccount: {
    es: "falta la cuenta o el rol: sin ellos no se puede entrar en la cuenta de AWS del alumno",
    en: "the account or role is missing: without one the student's AWS account cannot be reached",
  },
  externalId: {
    es: "external_id «{value}»: AWS admite de 2 a 1224 caracteres: letras, dígitos y + = , . @ : / -",
    en: "external_id «{value}»: AWS accepts 2 to 1224 characters: letters, digits and + = , . @ : / -",
  },
  regionZone: {
    es: "región «{value}»: eso es una zona de disponibilidad; la región es {region}",
    en: "region «{value}»: that is an availability zone; the region is {region}",
  },
  region: {
    es: "región «{value}»: no es un nombre de región de AWS (por ejemplo eu-west-1, us-east-1)",
    en: "region «{value}»: it is not an AWS region name (e.g. eu-west-1, us-east-1)",
  },
  email: {
    es: "email «{value}»: no parece una dirección de correo (los libros de notas lo usan para reconocer al alumno)",
    en: "email «{value}»: it does not look like an email address (gradebooks use it to match the student)",
  },
  roleName: {
    es: "el nombre de rol por omisión «{value}» no es válido en IAM (letras, dígitos y + = , . @ _ -, hasta 64)",
    en: "the default role name «{value}» is not valid in IAM (letters, digits and + = , . @ _ -, up to 64)",
  },
  orgTagMissing: {
    es: "la cuenta {account} ({name}) no tiene la etiqueta «{tag}» que da el id del alumno",
    en: "account {account} ({name}) has no «{tag}» tag to give the student id",
  },
  orgTagDuplicate: {
    es: "las cuentas {accounts} tienen el mismo valor «{value}» en la etiqueta «{tag}»",
    en: "accounts {accounts} have the same value «{value}» in the «{tag}» tag",
  },
  orgNameDuplicate: {
    es: "las cuentas {accounts} dan el mismo id de alumno «{value}»: cambia el nombre de una o usa una etiqueta",
    en: "accounts {accounts} give the same student id «{value}»: rename one or use a tag",
  },
  orgAccount: {
    es: "cuenta {account}: el ID que devolvió AWS Organizations no tiene 12 dígitos",
    en: "account {account}: the id AWS Organizations returned is not 12 digits",
  },
} satisfies Record<string, Text>;

// ---- shard.ts -------------------------------------------------------------------------------

export const SHARD_MSG = {
  format: {
    es: "--shard «{value}»: se espera i/n, la parte i de n, con 1 ≤ i ≤ n ≤ {max} (por ejemplo 2/4)",
    en: "--shard «{value}»: expected i/n, part i of n, with 1 ≤ i ≤ n ≤ {max} (e.g. 2/4)",
  },
  zero: {
    es: "--shard «{value}»: las partes se cuentan desde 1 (1/{count} es la primera)",
    en: "--shard «{value}»: parts are counted from 1 (1/{count} is the first)",
  },
  beyond: {
    es: "--shard «{value}»: solo hay {count} partes, la {index} no existe",
    en: "--shard «{value}»: there are only {count} parts, part {index} does not exist",
  },
  tooMany: {
    es: "--shard «{value}»: como mucho {max} partes",
    en: "--shard «{value}»: at most {max} parts",
  },
} satisfies Record<string, Text>;

// ---- merge.ts -------------------------------------------------------------------------------

export const MERGE_MSG = {
  mixedLabs: {
    es: "las carpetas tienen informes de laboratorios distintos ({labs}): junta solo las de un laboratorio",
    en: "the folders hold reports of different labs ({labs}): merge the folders of one lab only",
  },
} satisfies Record<string, Text>;

// ---- gradebook.ts -------------------------------------------------------------------------------

export const GRADEBOOK_MSG = {
  nothingChecked: {
    es: "no se pudo comprobar nada ({errors})",
    en: "nothing could be checked ({errors})",
  },
  everyCheckFailedToRun: {
    es: "no se pudo comprobar nada: todas las comprobaciones dieron error",
    en: "nothing could be checked: every check ended in an error",
  },
} satisfies Record<string, Text>;

// ---- dashboard.ts -------------------------------------------------------------------------------

/**
 * `calificar tablero`: the class at a glance, as ONE self-contained HTML file. Everything is
 * inline and a Content-Security-Policy forbids any request, so it opens the same from a USB
 * stick, `file://` or GitHub Pages. The summary, the histogram, each check's pass rate and the
 * students not graded are plain HTML; the students' table (sort, filter) and each student's
 * report (a dialog) are drawn by an inline script from JSON embedded in the page, through
 * `textContent` only.
 */

export const DASHBOARD_MSG = {
  pageTitle: { es: "Tablero de la clase", en: "Class dashboard" },
  heading: { es: "{lab}: {title}", en: "{lab}: {title}" },
  noLab: { es: "Sin informes", en: "No reports" },
  period: { es: "Informes del {first} al {last} (UTC)", en: "Reports from {first} to {last} (UTC)" },
  summary: { es: "Resumen", en: "Summary" },
  size: { es: "Alumnos", en: "Students" },
  graded: { es: "Calificados", en: "Graded" },
  notGraded: { es: "Sin calificar", en: "Not graded" },
  passed: { es: "Aprobados", en: "Passed" },
  passRate: { es: "Aprueban", en: "Pass rate" },
  passRateOf: { es: "de los calificados", en: "of those graded" },
  none: { es: "—", en: "—" },
  mostFailedTitle: { es: "Donde más se falla", en: "Where the class fails most" },
  mostFailedItem: { es: "falló a {failed} de {withCheck}", en: "failed by {failed} of {withCheck}" },
  histogramTitle: { es: "Distribución de notas", en: "Score distribution" },
  histogramCaption: { es: "Alumnos calificados por porcentaje de la nota", en: "Graded students by score percentage" },
  range: { es: "Nota", en: "Score" },
  students: { es: "Alumnos", en: "Students" },
  checksTitle: { es: "Cada comprobación", en: "Each check" },
  checksCaption: {
    es: "Qué parte de los alumnos calificados supera cada paso del laboratorio",
    en: "How many of the graded students pass each step of the lab",
  },
  check: { es: "Comprobación", en: "Check" },
  rate: { es: "La superan", en: "Pass rate" },
  outcomes: { es: "Correctas · incorrectas · con error · omitidas", en: "Passed · failed · error · skipped" },
  studentsTitle: { es: "Alumnos calificados", en: "Graded students" },
  studentsHelp: {
    es: "Pulsa un alumno para ver su informe y una cabecera para ordenar.",
    en: "Press a student to see their report, and a header to sort.",
  },
  search: { es: "Buscar alumno (id, nombre o email)", en: "Find a student (id, name or email)" },
  failedFilter: { es: "Con esta comprobación fallida", en: "With this check failed" },
  anyCheck: { es: "cualquiera o ninguna", en: "any or none" },
  shown: { es: "Se muestran {shown} de {total} alumnos", en: "Showing {shown} of {total} students" },
  noMatch: { es: "Ningún alumno coincide con la búsqueda.", en: "No student matches the search." },
  colStudent: { es: "Alumno", en: "Student" },
  colName: { es: "Nombre", en: "Name" },
  colScore: { es: "Nota", en: "Score" },
  colPercent: { es: "%", en: "%" },
  colPassed: { es: "Aprobado", en: "Passed" },
  colFailed: { es: "Comprobaciones fallidas", en: "Failed checks" },
  yes: { es: "sí", en: "yes" },
  no: { es: "no", en: "no" },
  noscript: {
    es: "La tabla de alumnos y sus informes necesitan JavaScript; el resto de la página se ve sin él.",
    en: "The students' table and their reports need JavaScript; the rest of the page works without it.",
  },
  notGradedTitle: { es: "Alumnos sin calificar", en: "Students not graded" },
  notGradedCaption: { es: "Alumnos que no se pudieron calificar y por qué", en: "Students who could not be graded, and why" },
  why: { es: "Motivo", en: "Reason" },
  allGraded: { es: "Se calificó a todos los alumnos.", en: "Every student was graded." },
  conflictsTitle: { es: "Alumnos en varias carpetas", en: "Students found in several folders" },
  conflictsIntro: { es: "Se usa el informe más reciente de cada uno:", en: "The newest report of each is used:" },
  conflict: { es: "{student}: se usa {kept}; se descarta {dropped}", en: "{student}: {kept} is used; {dropped} is dropped" },
  origin: { es: "{source} ({at})", en: "{source} ({at})" },
  close: { es: "Cerrar", en: "Close" },
  reportOf: { es: "Informe de {student}", en: "Report of {student}" },
  scoreLine: { es: "Nota: {score}/{max} ({percent})", en: "Score: {score}/{max} ({percent})" },
  verdictPassed: { es: "APROBADO", en: "PASSED" },
  verdictFailed: { es: "NO APROBADO", en: "NOT PASSED" },
  account: { es: "Cuenta", en: "Account" },
  region: { es: "Región", en: "Region" },
  email: { es: "Email", en: "Email" },
  statusPassed: { es: "correcta", en: "passed" },
  statusFailed: { es: "incorrecta", en: "failed" },
  statusError: { es: "no se pudo comprobar", en: "could not check" },
  statusSkipped: { es: "omitida", en: "skipped" },
  expected: { es: "Se esperaba", en: "Expected" },
  found: { es: "Se encontró", en: "Found" },
  hint: { es: "Cómo arreglarlo", en: "How to fix it" },
  footer: { es: "Generado por calificar", en: "Made by calificar" },
} satisfies Record<string, Text>;
