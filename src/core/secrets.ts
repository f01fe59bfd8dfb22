// What a secret is, decided in one place: the Lambda and Beanstalk collectors redact with it, the
// repository reader finds committed secrets with it, and the Action masks its log with it.

export const REDACTED = "[redacted]";

/**
 * Last words of a name that hold a secret: DB_PASSWORD, DB_PASS, DB_PWD, JWT_SECRET, API_TOKEN,
 * BASIC_AUTH… and the Spanish a course in Spanish writes: DB_CLAVE, CONTRASENA, SECRETO.
 */
const SECRET_WORDS = new Set([
  "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "credential", "credentials", "auth", "dsn",
  "clave", "contrasena", "contraseña", "secreto", "credencial", "credenciales",
]);
/** …and `*_KEY` when the word before says which kind: API_KEY, SECRET_KEY, AWS_SECRET_ACCESS_KEY, PRIVATE_KEY. */
const KEY_KINDS = new Set(["api", "secret", "access", "private", "signing", "encryption", "master", "client", "app", "license"]);
/** Names glued into one word (apikey, dbpassword, authToken's «authtoken»). */
const GLUED = /(password|passwd|pwd|secret|token|apikey|secretkey|accesskey|privatekey|credentials?|contrasena|contraseña|secreto)$/;

/** A name's words: `dbPassword` → db, password; `AWS_SECRET_ACCESS_KEY` → aws, secret, access, key. */
function words(name: string): string[] {
  return name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * A name whose value is a secret: what a variable, property or config key is called when it holds
 * a password, token or key. Its last word decides, so DB_PASSWORD_FILE (a path), TOKEN_URL,
 * author and passport are not secrets.
 */
export function isSecretName(name: string): boolean {
  const w = words(name);
  const last = w.at(-1);
  if (last === undefined) return false;
  if (SECRET_WORDS.has(last)) return true;
  if (last === "key" && w.length > 1 && KEY_KINDS.has(w.at(-2)!)) return true;
  return GLUED.test(last);
}

/** A config value without quotes, trailing comma or an unquoted `# comment`. */
export function unquote(raw: string): string {
  let value = raw.trim().replace(/[,;]$/, "").trim();
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted) return quoted[2]!;
  value = value.replace(/\s+#.*$/, "");
  return value.trim();
}

/** A value that holds a secret, not one that points at it ($VAR, {{resolve:ssm:…}}, an ARN, <placeholder>). */
export function isSecretValue(raw: string): boolean {
  const value = unquote(raw);
  if (value === "" || value === REDACTED || value === "~" || /^(null|true|false|yes|no|on|off)$/i.test(value)) return false;
  if (/^(\$|%\(|\{\{|!|<.*>$|\[|\{)/.test(value)) return false;
  if (/^arn:aws[\w-]*:(secretsmanager|ssm):/i.test(value)) return false;
  if (/^(process\.env|os\.environ|env\()/.test(value)) return false;
  return !/^(.)\1*$/.test(value); // xxxx, ****
}

// postgres://user:password@host/db (or redis://:password@host): a password inside a URL, whatever its variable is called.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)([^@\s]+)(@)/gi;
// Access key ids of long-term (AKIA) and temporary (ASIA) credentials.
export const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;

/** The password of the first `scheme://user:password@` in `value`, if any. */
export function urlPassword(value: string): string | undefined {
  URL_PASSWORD.lastIndex = 0;
  return URL_PASSWORD.exec(value)?.[2];
}

/** The secret a `name: value` pair holds in plain text: a secret name's value, or a password inside a URL. */
export function holdsSecret(name: string, value: string): boolean {
  if (isSecretName(name) && isSecretValue(value)) return true;
  const password = urlPassword(value);
  return password !== undefined && isSecretValue(password);
}

/** Text with URL passwords and access key ids replaced: safe to show whatever it came from. */
export function redactText(text: string): string {
  return text.replace(URL_PASSWORD, `$1${REDACTED}$3`).replace(ACCESS_KEY_ID, REDACTED);
}

/** A name's value as a report may show it: redacted when the name is secret, URL passwords hidden always. */
export function redactValue(name: string, value: string): string {
  if (isSecretName(name)) return value === "" ? "" : REDACTED;
  return redactText(value);
}

/**
 * An endpoint's error message as it may be recorded and shown: one that echoes the request's
 * credentials (an emulator, a proxy) loses its access key ids, and runs of mixed-case base64 with
 * digits as long as a secret key (40) or a session token.
 */
export function redactCredentials(message: string): string {
  return message
    .replace(ACCESS_KEY_ID, REDACTED)
    .replace(/[A-Za-z0-9+/]{40,}={0,2}/g, (run) => (/[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run) ? REDACTED : run));
}

/** Environment-like maps with secret values replaced; names stay so a report can point at them. */
export function redactEnv(vars: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(vars ?? {}).map(([k, v]) => [k, redactValue(k, v)]));
}

/** `NAME=value` / `"NAME": "value"` pairs of secret names, in free text (a command, a log line). */
const PAIR = /(["']?)([A-Za-z_][\w.-]*)\1(\s*[:=]\s*)(["']?)([^"'\s,}]+)\4/g;

/** Hides every secret a line of text may carry: known secret values, secret `NAME=value` pairs, URL passwords, key ids. */
export function redactLine(line: string, knownSecrets: readonly string[] = []): string {
  let out = line;
  for (const secret of knownSecrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  out = out.replace(PAIR, (whole, q: string, name: string, sep: string, vq: string) =>
    isSecretName(name) ? `${q}${name}${q}${sep}${vq}${REDACTED}${vq}` : whole,
  );
  return redactText(out);
}
