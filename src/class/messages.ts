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
