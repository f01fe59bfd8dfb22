/** Names that usually hold secrets: passwords, tokens, keys, connection strings. */
const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth|session|connection[_-]?string|dsn)/i;

export const REDACTED = "[redacted]";

export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Environment-like maps with secret-looking values replaced; names stay so a report can point at them. */
export function redactEnv(vars: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(vars ?? {}).map(([k, v]) => [k, looksSecret(k) ? REDACTED : v]));
}
