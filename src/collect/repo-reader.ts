// The submission repository's reader: its files, what they say, and what could not be read. Kept
// apart from the collector (repo.ts) so a run without --repo never loads a YAML parser.
import type { Dirent } from "node:fs";
import { lstat, open, readdir, stat } from "node:fs/promises";
import { basename, extname, posix, resolve } from "node:path";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";
import { badInput } from "../core/errors.js";
import { INPUT } from "../core/messages.js";
import { say } from "../core/text.js";
import { ACCESS_KEY_ID, holdsSecret, isSecretName, REDACTED, redactText } from "../core/secrets.js";
import { beanstalkOptionValue } from "./beanstalk-option.js";
import { mapLimit } from "./map-limit.js";
import { REPO_LIMITS, UNREAD, type UnreadEntry } from "../core/repo-reads.js";

// Facts about the submission repository (`--repo DIR`, the Action's workspace) for `on: "repo"`
// checks. No AWS call: it reads files, bounded in number and size, never follows symlinks, and
// records where each finding is ({file, line}, paths relative to the repository, with "/")
// so the Action can annotate it. A secret's value never enters the facts.

export interface RepoLocation {
  file: string;
  line: number;
}

/** What a committed secret is; the value itself is never recorded. */
export type SecretKind = "aws-access-key-id" | "private-key" | "pem-file" | "secret-value";

export interface SecretFinding extends RepoLocation {
  kind: SecretKind;
  /** The key that holds a `secret-value` (RDS_PASSWORD), never its value. */
  name?: string;
}

/** An option's value as Elastic Beanstalk reads it: «2» → 2, like the elasticbeanstalk collector. */
export type RepoOptionValue = string | number | boolean | null | Record<string, unknown> | unknown[];

export interface EbextensionsFacts {
  /** `.ebextensions/*.config` files read, in the order Elastic Beanstalk applies them. */
  files: { file: string; format: "yaml" | "json" }[];
  /** option_settings of every valid file, by namespace then option (a later file overrides). */
  options: Record<string, Record<string, RepoOptionValue>>;
  /** Where each option of `options` was set. */
  at: Record<string, Record<string, RepoLocation>>;
  /** Files that do not parse; Elastic Beanstalk rejects them, so their settings are not counted. */
  errors: (RepoLocation & { message: string })[];
}

export interface ProcfileFacts {
  file: string;
  processes: { name: string; command: string; line: number }[];
}

export interface PackageJsonFacts {
  file: string;
  scripts: Record<string, string>;
  /** Line of each script, for annotations. */
  scriptLines: Record<string, number>;
  error?: { message: string; line: number };
}

export interface LambdaFunctionFacts {
  file: string;
  /** `def lambda_handler(` at module level. */
  handlerDefined: boolean;
  line: number | null;
}

export type { UnreadEntry };

export interface RepoFacts {
  /** Where the app lives, relative to the repository: "." or the shallowest folder holding it. */
  appDir: string;
  scan: { files: number; truncated: boolean };
  /**
   * Files and folders not read: unreadable (the system's code: EACCES, EIO…), or past a bound
   * (TOO_LARGE, TOTAL_LIMIT, TOO_DEEP, TOO_MANY). Absent when everything was read, and in snapshots
   * of older versions. Repository checks that read them are errors (src/core/repo-reads.ts).
   */
  unreadable?: UnreadEntry[];
  ebextensions: EbextensionsFacts;
  procfile: ProcfileFacts | null;
  packageJson: PackageJsonFacts | null;
  lambdaFunction: LambdaFunctionFacts | null;
  /** Committed secrets, by file then line. */
  secrets: SecretFinding[];
}

export const LIMITS = REPO_LIMITS;

/** Bytes looked at to tell a binary file (a NUL among them) from text, as git does. */
const SNIFF_BYTES = 8000;

/** Dependencies and tool caches: never the student's own files, often thousands of them. */
const SKIPPED_DIRS = new Set([".git", "node_modules", ".venv", "venv", "__pycache__"]);

const ENV_NAMESPACE = "aws:elasticbeanstalk:application:environment";

const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----|^PuTTY-User-Key-File-\d+:/;
/** `KEY=value`, `KEY: value`, `"KEY": "value",`, `export KEY=value`, `- KEY=value`. */
const KEY_VALUE = /^\s*(?:-\s*)?(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*)$/;
/** `DB_PASSWORD=value` inside a command line. */
const INLINE_ASSIGNMENT = /(?:^|[\s"'])([A-Za-z_]\w*)=("[^"]*"|'[^']*'|[^\s"']+)/g;
const CONFIG_EXTENSIONS = new Set([".env", ".config", ".json", ".yml", ".yaml", ".ini", ".cfg", ".conf", ".properties", ".toml"]);
const LOCK_FILES = new Set(["package-lock.json", "npm-shrinkwrap.json", "composer.lock", "yarn.lock", "pnpm-lock.yaml"]);

/** `DB_PASSWORD=x node app.js` → `DB_PASSWORD=[redacted] node app.js`: commands are shown in reports. */
function redactCommand(command: string): string {
  return redactText(command.replace(INLINE_ASSIGNMENT, (whole, key: string) => (isSecretName(key) ? whole.replace(/=.*$/s, `=${REDACTED}`) : whole)));
}

interface RepoFile {
  /** Relative to the repository, with "/". */
  path: string;
  abs: string;
  size: number;
}

const codeOf = (err: unknown) => String((err as { code?: unknown } | null)?.code ?? "EIO");

/**
 * Every regular file under `root`, breadth first and sorted, within LIMITS; symlinks are not
 * followed. What cannot be listed, or lies past a bound, is recorded in `unreadable`.
 */
async function listFiles(root: string, unreadable: UnreadEntry[]): Promise<{ files: RepoFile[]; truncated: boolean }> {
  const files: RepoFile[] = [];
  let truncated = false;
  let visited = 0;
  let queue: { rel: string; depth: number }[] = [{ rel: "", depth: 0 }];
  while (queue.length > 0) {
    const next: typeof queue = [];
    for (const dir of queue) {
      let entries: Dirent[];
      try {
        entries = await readdir(resolve(root, dir.rel), { withFileTypes: true });
      } catch (err) {
        unreadable.push({ file: `${dir.rel || "."}/`, code: codeOf(err) });
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (++visited > LIMITS.entries) {
          unreadable.push({ file: `${dir.rel || "."}/`, code: UNREAD.tooMany });
          return { files, truncated: true };
        }
        const rel = dir.rel ? `${dir.rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (SKIPPED_DIRS.has(entry.name)) continue;
          if (dir.depth + 1 >= LIMITS.depth) {
            truncated = true;
            unreadable.push({ file: `${rel}/`, code: UNREAD.tooDeep });
          } else next.push({ rel, depth: dir.depth + 1 });
        } else if (entry.isFile()) {
          try {
            files.push({ path: rel, abs: resolve(root, rel), size: (await lstat(resolve(root, rel))).size });
          } catch (err) {
            unreadable.push({ file: rel, code: codeOf(err) });
          }
        }
      }
    }
    queue = next;
  }
  return { files, truncated };
}

/**
 * A file's text, or null when it is binary (nothing to read in it), too large, or unreadable; the
 * last two are recorded in `unreadable`, since a secret or a setting may be in what was not read.
 */
async function readText(file: RepoFile, budget: { bytes: number }, unreadable: UnreadEntry[]): Promise<string | null> {
  const bound = file.size > LIMITS.fileBytes ? UNREAD.tooLarge : file.size > budget.bytes ? UNREAD.totalLimit : null;
  if (bound === null) budget.bytes -= file.size;
  let handle;
  try {
    handle = await open(file.abs, "r");
    // Past a bound only the first bytes are read: a large binary file (an image, a zip) holds no text to grade.
    const length = bound ? Math.min(file.size, SNIFF_BYTES) : file.size;
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    const data = buffer.subarray(0, bytesRead);
    if (data.subarray(0, SNIFF_BYTES).includes(0)) return null;
    if (bound) {
      unreadable.push({ file: file.path, code: bound });
      return null;
    }
    return data.toString("utf8");
  } catch (err) {
    unreadable.push({ file: file.path, code: codeOf(err) });
    return null;
  } finally {
    await handle?.close();
  }
}

function isConfigFile(path: string): boolean {
  const name = basename(path);
  if (LOCK_FILES.has(name)) return false;
  return /^\.env(\..+)?$/.test(name) || name === ".npmrc" || CONFIG_EXTENSIONS.has(extname(name).toLowerCase());
}

/** Files whose lines may set variables inline: `web: DB_PASSWORD=… node app.js`, `"start": "API_KEY=… node ."`. */
function hasCommands(path: string): boolean {
  const name = basename(path);
  return name === "Procfile" || name === "package.json" || /\.(sh|bash)$/.test(name);
}

/** The secret a config line sets, if any: `KEY=value` / `KEY: value`, or a password inside a URL. */
function secretOnLine(line: string, config: boolean, commands: boolean): string | undefined {
  // postgres://user:password@host/db is a password whatever the key is called.
  const kv = config ? KEY_VALUE.exec(line) : null;
  if (kv && holdsSecret(kv[1]!, kv[2]!)) return kv[1]!;
  if (config || commands) {
    for (const m of line.matchAll(INLINE_ASSIGNMENT)) if (holdsSecret(m[1]!, m[2]!)) return m[1]!;
  }
  return undefined;
}

/** Secrets written in a file's lines: access key ids, private keys, and secret keys with a value. */
function scanLines(path: string, text: string): SecretFinding[] {
  const found: SecretFinding[] = [];
  const config = isConfigFile(path);
  const commands = hasCommands(path);
  text.split(/\r?\n/).forEach((line, i) => {
    const at = { file: path, line: i + 1 };
    for (const m of line.matchAll(ACCESS_KEY_ID)) {
      if (!m[0].endsWith("EXAMPLE")) {
        found.push({ kind: "aws-access-key-id", ...at });
        break;
      }
    }
    if (PRIVATE_KEY.test(line)) found.push({ kind: "private-key", ...at });
    const name = secretOnLine(line, config, commands);
    if (name) found.push({ kind: "secret-value", name, ...at });
  });
  return found;
}

function lineOf(counter: LineCounter, node: YamlNode | null | undefined): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : counter.linePos(offset).line;
}

/** A YAML/JSON scalar as Elastic Beanstalk reads an option value. */
function optionValue(value: unknown): RepoOptionValue {
  if (typeof value === "string") return beanstalkOptionValue(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return value;
  if (Array.isArray(value)) return value;
  if (typeof value === "object") return value as Record<string, unknown>;
  return String(value);
}

interface Setting {
  namespace: string;
  option: string;
  value: RepoOptionValue;
  line: number;
}

/**
 * option_settings in both of Elastic Beanstalk's forms: the list
 * (`- namespace: … option_name: … value: …`, namespace defaulting to environment properties)
 * and the map (`aws:autoscaling:asg: {MinSize: 2}`).
 */
function optionSettings(doc: Document, counter: LineCounter): Setting[] {
  const node = doc.get("option_settings", true) as YamlNode | undefined;
  const settings: Setting[] = [];
  if (isSeq(node)) {
    for (const item of node.items) {
      if (!isMap(item)) continue;
      const get = (key: string) => item.get(key, true) as YamlNode | undefined;
      const name = get("option_name");
      if (!isScalar(name) || name.value === null || name.value === undefined) continue;
      const namespace = get("namespace");
      const valueNode = get("value");
      settings.push({
        namespace: isScalar(namespace) && typeof namespace.value === "string" ? namespace.value : ENV_NAMESPACE,
        option: String(name.value),
        value: valueNode ? optionValue(valueNode.toJSON()) : "",
        line: lineOf(counter, valueNode ?? name),
      });
    }
  } else if (isMap(node)) {
    for (const ns of node.items) {
      if (!isPair(ns) || !isScalar(ns.key) || !isMap(ns.value)) continue;
      for (const opt of ns.value.items) {
        if (!isPair(opt) || !isScalar(opt.key)) continue;
        const valueNode = opt.value as YamlNode | null;
        settings.push({
          namespace: String(ns.key.value),
          option: String(opt.key.value),
          value: valueNode ? optionValue(valueNode.toJSON()) : "",
          line: lineOf(counter, valueNode ?? (opt.key as YamlNode)),
        });
      }
    }
  }
  return settings;
}

function parseYaml(text: string): { doc: Document; counter: LineCounter; error?: { message: string; line: number } } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: false });
  const first = doc.errors[0];
  if (!first) return { doc, counter };
  return {
    doc,
    counter,
    error: { message: first.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""), line: first.linePos?.[0].line ?? 1 },
  };
}

function ebextensions(configs: { file: string; text: string | null }[], secrets: SecretFinding[]): EbextensionsFacts {
  const facts: EbextensionsFacts = { files: [], options: {}, at: {}, errors: [] };
  // Elastic Beanstalk applies .ebextensions/*.config in alphabetical order; a later file wins.
  for (const { file, text } of configs) {
    if (text === null) continue;
    const format = text.trimStart().startsWith("{") ? "json" : "yaml";
    facts.files.push({ file, format });
    const { doc, counter, error } = parseYaml(text);
    if (error) {
      facts.errors.push({ file, ...error });
      continue;
    }
    for (const s of optionSettings(doc, counter)) {
      const secret = typeof s.value === "string" && holdsSecret(s.option, s.value);
      if (secret) secrets.push({ kind: "secret-value", name: s.option, file, line: s.line });
      (facts.options[s.namespace] ??= {})[s.option] = secret ? REDACTED : s.value;
      (facts.at[s.namespace] ??= {})[s.option] = { file, line: s.line };
    }
  }
  return facts;
}

function procfile(file: string, text: string): ProcfileFacts {
  const processes: ProcfileFacts["processes"] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /^([A-Za-z0-9_-]+)\s*:\s*(.*)$/.exec(line.trim());
    if (m) processes.push({ name: m[1]!, command: redactCommand(m[2]!.trim()), line: i + 1 });
  });
  return { file, processes };
}

/** JSON.parse's complaint, with the line it points at («… in JSON at position 57»). */
function jsonError(text: string, err: unknown): { message: string; line: number } {
  const message = err instanceof Error ? err.message : String(err);
  const lineCol = /\(line (\d+) column \d+\)/.exec(message);
  const position = /at position (\d+)/.exec(message);
  const line = lineCol ? Number(lineCol[1]) : position ? text.slice(0, Number(position[1])).split("\n").length : 1;
  // V8 quotes the text around the fault (…"password": hunter2sec"…): that may be a secret, and the line says where.
  return { message: message.split("\n")[0]!.replace(/,\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/, ""), line };
}

function packageJson(file: string, text: string): PackageJsonFacts {
  const facts: PackageJsonFacts = { file, scripts: {}, scriptLines: {} };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // npm refuses a package.json that JSON.parse refuses, so this is what the app's deploy would meet.
    return { ...facts, error: jsonError(text, err) };
  }
  const scripts = (data as { scripts?: unknown } | null)?.scripts;
  if (!scripts || typeof scripts !== "object") return facts;
  const { doc, counter } = parseYaml(text); // JSON is YAML: the same parser gives each script's line
  for (const [name, command] of Object.entries(scripts)) {
    if (typeof command !== "string") continue;
    facts.scripts[name] = redactCommand(command);
    facts.scriptLines[name] = lineOf(counter, doc.getIn(["scripts", name], true) as YamlNode | undefined);
  }
  return facts;
}

function lambdaFunction(file: string, text: string): LambdaFunctionFacts {
  // Python source, not YAML: a module-level `def lambda_handler(` is what the runtime imports.
  const m = /^def\s+lambda_handler\s*\(/m.exec(text);
  return { file, handlerDefined: Boolean(m), line: m ? text.slice(0, m.index).split("\n").length : null };
}

function depthOf(path: string): number {
  return path.split("/").length;
}

/** The app's folder: the repository itself, or else the shallowest folder with a package.json, Procfile or .ebextensions. */
function appDirOf(files: RepoFile[]): string {
  const marks = files
    .map((f) => f.path)
    .filter((p) => /(^|\/)(package\.json|Procfile)$/.test(p) || /(^|\/)\.ebextensions\/[^/]+\.config$/.test(p))
    .map((p) => posix.dirname(p).replace(/(^|\/)\.ebextensions$/, "") || ".")
    .sort((a, b) => depthOf(a) - depthOf(b) || (a < b ? -1 : 1));
  return marks.includes(".") ? "." : (marks[0] ?? ".");
}

const inDir = (dir: string, name: string) => (dir === "." ? name : `${dir}/${name}`);

/** Reads the repository at `root` into facts. */
export async function readRepo(root: string): Promise<RepoFacts> {
  const unreadable: UnreadEntry[] = [];
  const { files, truncated } = await listFiles(root, unreadable);
  const budget = { bytes: LIMITS.totalBytes };
  const texts = new Map<string, string | null>();
  // Files are read a few at a time: a repository is small, but a student's may hold thousands.
  await mapLimit(files, 8, async (f) => {
    texts.set(f.path, f.path.toLowerCase().endsWith(".pem") ? null : await readText(f, budget, unreadable));
  });
  const sizeTruncated = files.some((f) => f.size > LIMITS.fileBytes && !f.path.toLowerCase().endsWith(".pem"));

  const secrets: SecretFinding[] = [];
  for (const f of files) {
    // Any .pem is a key pair file or a certificate someone meant to keep private: flag it by name.
    if (f.path.toLowerCase().endsWith(".pem")) secrets.push({ kind: "pem-file", file: f.path, line: 1 });
    const text = texts.get(f.path);
    if (text) secrets.push(...scanLines(f.path, text));
  }

  const appDir = appDirOf(files);
  const text = (path: string) => (texts.has(path) ? (texts.get(path) ?? null) : undefined);
  const configDir = inDir(appDir, ".ebextensions");
  const configs = files
    .filter((f) => posix.dirname(f.path) === configDir && f.path.endsWith(".config"))
    .map((f) => ({ file: f.path, text: text(f.path) ?? null }));
  const procfileText = text(inDir(appDir, "Procfile"));
  const packageText = text(inDir(appDir, "package.json"));
  const lambdaFile = files
    .map((f) => f.path)
    .filter((p) => basename(p) === "lambda_function.py")
    .sort((a, b) => depthOf(a) - depthOf(b) || (a < b ? -1 : 1))[0];
  const lambdaText = lambdaFile ? text(lambdaFile) : undefined;

  const ebFacts = ebextensions(configs, secrets);
  // Other apps' .ebextensions are not graded, but a password in them is still committed.
  for (const f of files) {
    const other = /(^|\/)\.ebextensions\/[^/]+\.config$/.test(f.path) && posix.dirname(f.path) !== configDir;
    const configText = other ? texts.get(f.path) : null;
    if (configText) ebextensions([{ file: f.path, text: configText }], secrets);
  }
  // The same secret is often seen twice (a map-form option is also a KEY: value line): once is enough.
  const unique = new Map(secrets.map((s) => [`${s.file}\n${s.line}\n${s.kind}`, s]));
  const sorted = [...unique.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));

  return {
    appDir,
    scan: { files: files.length, truncated: truncated || sizeTruncated || sorted.length > LIMITS.findings },
    ebextensions: ebFacts,
    procfile: typeof procfileText === "string" ? procfile(inDir(appDir, "Procfile"), procfileText) : null,
    packageJson: typeof packageText === "string" ? packageJson(inDir(appDir, "package.json"), packageText) : null,
    lambdaFunction: lambdaFile && typeof lambdaText === "string" ? lambdaFunction(lambdaFile, lambdaText) : null,
    secrets: sorted.slice(0, LIMITS.findings),
    ...(unreadable.length
      ? { unreadable: unreadable.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).slice(0, LIMITS.findings) }
      : {}),
  };
}

/** The facts of the folder given with --repo; a folder that is not there is the user's mistake (exit 2). */
export async function readRepoDir(dir: string): Promise<RepoFacts> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    throw badInput(say(INPUT.noRepoDir, { dir }));
  }
  return readRepo(root);
}
