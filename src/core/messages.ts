import type { Text } from "./text.js";

/** Every sentence the tool itself says, in every language. Lab text lives in labs/, not here. */
export const MSG = {
  expectedFound: { es: "{field}: se esperaba {expected}, se encontró {found}", en: "{field}: expected {expected}, found {found}" },
  expectedNothing: { es: "{field}: se esperaba {expected}, no se encontró nada", en: "{field}: expected {expected}, found nothing" },
  passedFound: { es: "{field}: {found}", en: "{field}: {found}" },
  nothing: { es: "nada", en: "nothing" },
  yes: { es: "sí", en: "yes" },
  no: { es: "no", en: "no" },
  or: { es: " o ", en: " or " },
  atMost: { es: "como máximo {limit}", en: "at most {limit}" },
  atLeast: { es: "al menos {limit}", en: "at least {limit}" },
  below: { es: "menos de {limit}", en: "less than {limit}" },
  above: { es: "más de {limit}", en: "more than {limit}" },
  nonEmpty: { es: "un valor", en: "a value" },
  // The field names what is counted («dispositivos MFA…: se esperaba al menos 1»).
  atLeastItems: { es: "al menos {limit}", en: "at least {limit}" },
  atMostItems: { es: "como máximo {limit}", en: "at most {limit}" },
  matching: { es: "un texto que contenga «{pattern}»", en: "text containing «{pattern}»" },
  ofType: { es: "un valor de tipo {type}", en: "a value of type {type}" },
  listSeparator: { es: ", ", en: ", " },
  partSeparator: { es: "; ", en: "; " },
  accountNotGraded: {
    es: "no se calificó: la cuenta de AWS no se revisa con --solo-repo",
    en: "not graded: the AWS account is not checked with --repo-only",
  },
  // errors turned into outcomes
  errDenied: {
    es: "no se pudo comprobar: falta el permiso {action} ({code}). Añádelo a tu usuario o rol (ver policies/calificar-readonly.json).",
    en: "could not check: the permission {action} is missing ({code}). Add it to your user or role (see policies/calificar-readonly.json).",
  },
  errThrottled: {
    es: "no se pudo comprobar: AWS limitó las llamadas a {action} ({code}). Vuelve a intentarlo en un minuto.",
    en: "could not check: AWS throttled calls to {action} ({code}). Try again in a minute.",
  },
  errCredentials: {
    es: "no se pudo comprobar {action}: las credenciales no son válidas o caducaron ({code}).",
    en: "could not check {action}: the credentials are invalid or expired ({code}).",
  },
  errNetwork: {
    es: "no se pudo comprobar: no hubo conexión para {action} ({code}).",
    en: "could not check: no connection for {action} ({code}).",
  },
  errTimeout: {
    es: "no se pudo comprobar: {target} no respondió a tiempo ({code}). Puede ser el grupo de seguridad, la app detenida o tu red que bloquea ese puerto.",
    en: "could not check: {target} did not answer in time ({code}). It may be the security group, the app not running, or your network blocking that port.",
  },
  errApiTimeout: {
    es: "no se pudo comprobar: AWS no respondió a tiempo a {action} ({code}). Vuelve a intentarlo.",
    en: "could not check: AWS did not answer {action} in time ({code}). Try again.",
  },
  errApi: {
    es: "no se pudo comprobar: {action} falló ({code}: {message}).",
    en: "could not check: {action} failed ({code}: {message}).",
  },
  // repository files the reader could not read (src/core/repo-reads.ts)
  errRepoUnread: { es: "no se pudo comprobar: {what}", en: "could not check: {what}" },
  unreadFile: { es: "no se pudo leer {file} ({code})", en: "{file} could not be read ({code})" },
  unreadFolder: { es: "no se pudo leer la carpeta {file} ({code})", en: "the folder {file} could not be read ({code})" },
  unreadTooLarge: { es: "no se leyó {file}: pasa de {limit}", en: "{file} was not read: it is over {limit}" },
  unreadTotalLimit: {
    es: "no se leyó {file}: el texto del repositorio pasa de {limit} en total",
    en: "{file} was not read: the repository's text is over {limit} in all",
  },
  unreadTooDeep: {
    es: "no se leyó la carpeta {file}: está a más de {limit} niveles de profundidad",
    en: "the folder {file} was not read: it is more than {limit} levels deep",
  },
  unreadTooMany: {
    es: "el repositorio tiene más de {limit} archivos y carpetas: no se leyó el resto (a partir de {file})",
    en: "the repository has more than {limit} files and folders: the rest was not read (from {file} on)",
  },
  unreadMore: { es: "y {count} más", en: "and {count} more" },
  repoUnreadHint: {
    es: "calificar lee el repositorio tal como está en disco: haz legibles esos archivos y carpetas (p. ej. chmod -R a+rX .), y saca del repositorio los archivos de texto de más de 1 MB y las carpetas muy profundas (dependencias, copias de otros proyectos); luego vuelve a calificar.",
    en: "calificar reads the repository as it is on disk: make those files and folders readable (e.g. chmod -R a+rX .), and take text files over 1 MB and very deep folders (dependencies, copies of other projects) out of the repository; then grade again.",
  },
  skipped: { es: "omitida: {reason}", en: "skipped: {reason}" },
  skippedOptIn: {
    es: "omitida: es una prueba activa (crea, cambia y borra un elemento de prueba a través de tu API), así que solo se hace si la pides: califica de nuevo con --probar-crud",
    en: "skipped: it is an active test (it creates, changes and deletes a test item through your API), so it only runs when asked for: grade again with --try-crud",
  },
  noRepo: { es: "no se indicó el repositorio de la entrega (--repo CARPETA)", en: "no submission repository given (--repo DIR)" },
  // resource selection
  noResource: {
    es: "no hay {plural} en {region}",
    en: "there are no {plural} in {region}",
  },
  elsewhere: {
    es: "tu {label} está en {regions}: ejecuta con --region {first}",
    en: "your {label} is in {regions}: run with --region {first}",
  },
  notSelected: {
    es: "no se encontró «{select}» en {region}",
    en: "«{select}» was not found in {region}",
  },
  presentOne: { es: "hay 1 {label}: {names}", en: "there is 1 {label}: {names}" },
  presentMany: { es: "hay {count} {plural}: {names}", en: "there are {count} {plural}: {names}" },
  pickWith: { es: "Indica cuál con --{option} {example}", en: "Pick one with --{option} {example}" },
  // http answers
  httpStatus: { es: "GET {path} → {status}", en: "GET {path} → {status}" },
  httpBody: { es: "«{body}»", en: "«{body}»" },
  probeErrors: {
    timeout: { es: "sin respuesta a tiempo", en: "no answer in time" },
    refused: { es: "conexión rechazada (nada escucha en ese puerto)", en: "connection refused (nothing listens on that port)" },
    reset: { es: "conexión cortada", en: "connection reset" },
    unreachable: { es: "dirección inalcanzable", en: "address unreachable" },
    "no-address": { es: "sin dirección pública que probar", en: "no public address to probe" },
    redirect: { es: "redirige a otro sitio", en: "redirects elsewhere" },
    "not-run": { es: "no se envió (falló un paso anterior)", en: "not sent (an earlier step failed)" },
    "no-target": { es: "nada que probar (falta la ruta o la etapa desplegada)", en: "nothing to probe (no route or deployed stage)" },
    tls: { es: "ese puerto habla HTTPS (TLS), no HTTP", en: "that port speaks HTTPS (TLS), not HTTP" },
    other: { es: "error de conexión", en: "connection error" },
  } as Record<string, Text>,
  // reports
  report: {
    lab: { es: "Laboratorio", en: "Lab" },
    account: { es: "Cuenta", en: "Account" },
    region: { es: "región", en: "region" },
    graded: { es: "Calificada", en: "Graded" },
    others: { es: "También hay", en: "Also present" },
    noAccount: { es: "desconocida", en: "unknown" },
    howToFix: { es: "Cómo arreglarlo", en: "How to fix" },
    score: { es: "Nota", en: "Score" },
    passed: { es: "APROBADO", en: "PASSED" },
    notPassed: { es: "NO APROBADO", en: "NOT PASSED" },
    passMark: { es: "mínimo {mark}%", en: "pass mark {mark}%" },
    writtenTo: { es: "informe completo en {file}", en: "full report in {file}" },
    requiredMissing: { es: "falta una comprobación obligatoria: {ids}", en: "a required check is missing: {ids}" },
    requiredMissingMany: { es: "faltan {count} comprobaciones obligatorias: {ids}", en: "{count} required checks are missing: {ids}" },
    errorsHeading: { es: "Llamadas que fallaron", en: "Calls that failed" },
    emulator: { es: "(emulador en {endpoint})", en: "(emulator at {endpoint})" },
    required: { es: "obligatoria", en: "required" },
    warning: { es: "aviso", en: "warning" },
    points: { es: "pts", en: "pts" },
    // md, html, junit, gradescope reports
    reportTitle: { es: "Informe de calificación", en: "Grading report" },
    check: { es: "Comprobación", en: "Check" },
    status: { es: "Resultado", en: "Result" },
    pointsHeading: { es: "Puntos", en: "Points" },
    statusPassed: { es: "correcta", en: "passed" },
    statusFailed: { es: "incorrecta", en: "failed" },
    statusError: { es: "no se pudo comprobar", en: "could not check" },
    statusSkipped: { es: "omitida", en: "skipped" },
    expected: { es: "Se esperaba", en: "Expected" },
    found: { es: "Se encontró", en: "Found" },
    file: { es: "Archivo", en: "File" },
    checksCaption: { es: "Comprobaciones de {lab}", en: "Checks of {lab}" },
    toFixHeading: { es: "Qué falla y cómo arreglarlo", en: "What is wrong and how to fix it" },
    allPassed: { es: "Todas las comprobaciones son correctas.", en: "Every check passed." },
    passedCount: { es: "{passed} de {total} comprobaciones correctas", en: "{passed} of {total} checks passed" },
    notesHeading: { es: "Avisos", en: "Notices" },
    outOfGrading: { es: "No cuentan en esta calificación", en: "Not part of this grading" },
    generatedAt: { es: "Generado el {date}", en: "Generated on {date}" },
  } as Record<string, Text>,
} satisfies Record<string, Text | Record<string, Text>>;

/** What a user gave that calificar cannot use (exit code 2), said where it is found, in every language. */
export const INPUT = {
  labNotJson: { es: "El laboratorio {source} no es JSON válido", en: "Lab {source} is not valid JSON" },
  labNotFormat: { es: "El laboratorio {source} no sigue el formato de laboratorio", en: "Lab {source} does not follow the lab format" },
  labNotCompiling: {
    es: "El laboratorio {source} tiene un esquema o una consulta que no compila",
    en: "Lab {source} has a schema or query that does not compile",
  },
  labRepeatsCheck: { es: "El laboratorio {source} repite el id de comprobación «{id}»", en: "Lab {source} repeats check id «{id}»" },
  unknownCollector: { es: "El laboratorio {source} usa un colector desconocido: {names}", en: "Lab {source} uses an unknown collector: {names}" },
  unknownCollectors: { es: "El laboratorio {source} usa colectores desconocidos: {names}", en: "Lab {source} uses unknown collectors: {names}" },
  noLabsDir: { es: "No existe la carpeta de laboratorios {dir}", en: "No labs folder at {dir}" },
  cannotReadLabsDir: { es: "No se puede leer la carpeta de laboratorios {dir}", en: "Cannot read the labs folder {dir}" },
  noLabFile: { es: "No existe el archivo de laboratorio {file}", en: "No lab file at {file}" },
  unknownLab: { es: "Laboratorio desconocido «{id}». Laboratorios disponibles: {known}", en: "Unknown lab «{id}». Available labs: {known}" },
  snapshotNotJson: { es: "La instantánea {source} no es JSON válido", en: "Snapshot {source} is not valid JSON" },
  snapshotNotFormat: {
    es: "La instantánea {source} no sigue el formato de instantánea (versión {version})",
    en: "Snapshot {source} does not follow the snapshot format (version {version})",
  },
  cannotReadSnapshot: { es: "No se puede leer la instantánea {file}", en: "Cannot read snapshot {file}" },
  snapshotTooLarge: {
    es: "La instantánea {file} pesa {size}: calificar lee instantáneas de hasta {limit}",
    en: "Snapshot {file} is {size}: calificar reads snapshots of up to {limit}",
  },
  labTooLarge: {
    es: "El laboratorio {file} pesa {size}: calificar lee laboratorios de hasta {limit}",
    en: "Lab {file} is {size}: calificar reads lab files of up to {limit}",
  },
  snapshotOtherLab: {
    es: "La instantánea {file} no tiene datos de {collector}: se recogió para {lab}",
    en: "Snapshot {file} has no {collector} data: it was collected for {lab}",
  },
  anotherLab: { es: "otro laboratorio", en: "another lab" },
  badProbeHost: { es: "--probe-host no válido: {value} (usa HOST o HOST:PUERTO)", en: "Invalid --probe-host: {value} (use HOST or HOST:PORT)" },
  noRepoDir: { es: "No existe la carpeta del repositorio {dir}", en: "No repository folder at {dir}" },
  cannotWrite: { es: "No se puede escribir {file}", en: "Cannot write {file}" },
  cannotReadLab: { es: "No se puede leer el laboratorio {file}", en: "Cannot read the lab {file}" },
  // A saved snapshot that validates but holds facts of a shape evaluation cannot read (hand-edited, corrupt).
  snapshotUnreadable: {
    es: "La instantánea {file} tiene datos que calificar no sabe leer: ¿se editó a mano? Vuelve a recogerla con --save-snapshot",
    en: "Snapshot {file} holds data calificar cannot read: was it edited by hand? Collect it again with --save-snapshot",
  },
  badRegion: {
    es: "Región no válida: «{region}» (de {from}); usa un nombre como us-east-1",
    en: "Invalid region: «{region}» (from {from}); use a name such as us-east-1",
  },
  repoOnlyNeedsRepo: {
    es: "--solo-repo califica solo el repositorio de la entrega: indica cuál con --repo CARPETA",
    en: "--repo-only grades the submission repository alone: name it with --repo FOLDER",
  },
  repoOnlyWithSnapshot: {
    es: "--solo-repo no lee la cuenta: no se puede usar con --snapshot",
    en: "--repo-only does not read the account: it cannot be used with --snapshot",
  },
} satisfies Record<string, Text>;

/** Why an account cannot be reached at all: the one sentence a student gets before exit code 3. */
export const REACH = {
  profileHasNoCredentials: {
    es: "No hay credenciales de AWS válidas para el perfil «{profile}» ({code}). Comprueba que existe («aws configure list-profiles») o inicia sesión con «aws sso login --profile {profile}».",
    en: "No valid AWS credentials for profile «{profile}» ({code}). Check that it exists («aws configure list-profiles») or sign in with «aws sso login --profile {profile}».",
  },
  credentialsExpired: {
    es: "Tus credenciales de AWS caducaron ({code}). Renuévalas: «aws sso login», o copia las nuevas claves de tu laboratorio.",
    en: "Your AWS credentials have expired ({code}). Renew them: «aws sso login», or copy your lab's new keys.",
  },
  identityDenied: {
    es: "AWS rechazó tus credenciales al preguntar quién eres ({code}): la cuenta puede estar suspendida o una política de la organización las bloquea. Prueba otras credenciales o pregunta a quien administra la cuenta.",
    en: "AWS refused your credentials when asked who you are ({code}): the account may be suspended, or an organization policy blocks them. Try other credentials or ask whoever runs the account.",
  },
  noCredentials: {
    es: "No hay credenciales de AWS válidas ({code}). Configúralas con «aws configure» (o «aws sso login»), o usa --profile NOMBRE.",
    en: "No valid AWS credentials ({code}). Set them up with «aws configure» (or «aws sso login»), or use --profile NAME.",
  },
  noCredentialsInAction: {
    es: "No hay credenciales de AWS válidas en el flujo de trabajo ({code}). Añade antes un paso «aws-actions/configure-aws-credentials» (OIDC con role-to-assume, o secretos del repositorio), o usa repo-only: true para calificar solo el repositorio.",
    en: "No valid AWS credentials in the workflow ({code}). Add an «aws-actions/configure-aws-credentials» step first (OIDC with role-to-assume, or repository secrets), or use repo-only: true to grade only the repository.",
  },
  cannotConnect: {
    es: "No se pudo conectar con AWS ({code}). Revisa tu conexión.",
    en: "Could not connect to AWS ({code}). Check your connection.",
  },
  cannotConnectEndpoint: {
    es: "No se pudo conectar con AWS en {endpoint} ({code}). Revisa tu conexión y AWS_ENDPOINT_URL.",
    en: "Could not connect to AWS at {endpoint} ({code}). Check your connection and AWS_ENDPOINT_URL.",
  },
  noAnswer: {
    es: "AWS no respondió a tiempo ({code}): la conexión se abrió pero no llegó respuesta. Vuelve a intentarlo en un momento.",
    en: "AWS did not answer in time ({code}): the connection opened but no answer came. Try again in a moment.",
  },
  noAnswerEndpoint: {
    es: "AWS no respondió a tiempo en {endpoint} ({code}): la conexión se abrió pero no llegó respuesta. Revisa el emulador o AWS_ENDPOINT_URL.",
    en: "AWS did not answer in time at {endpoint} ({code}): the connection opened but no answer came. Check the emulator or AWS_ENDPOINT_URL.",
  },
} satisfies Record<string, Text>;
