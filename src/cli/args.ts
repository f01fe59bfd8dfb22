import { parseArgs as cittyParse, type ArgsDef } from "citty";
import { badInput } from "../core/errors.js";
import { isLang, say, type Lang, type Text } from "../core/text.js";
import { ARGS, USAGE } from "./messages.js";

/** An option as we declare it: citty's definition plus help text in every language. */
export interface ArgSpec {
  type: "string" | "boolean" | "positional";
  description: Text;
  /** `o` for `-o`; a longer alias is another long name (`solo-repo` for `--solo-repo`). */
  alias?: string;
  /** The value's placeholder in `--help`: a literal (`es|en`) or words in every language. */
  valueHint?: string | Text;
  default?: string | boolean;
  /** Environment variable read when the option is absent. */
  env?: string;
}
export type ArgSpecs = Record<string, ArgSpec>;

export interface ParsedArgs {
  _: string[];
  values: Record<string, string | boolean | undefined>;
}

/** `-o` for a one-letter alias, `--solo-repo` for a word. */
const flagOf = (alias: string) => (alias.length === 1 ? `-${alias}` : `--${alias}`);

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** argv -> options with citty, refusing options nobody declared (a typo must not pass silently). */
export function parseArgv(argv: string[], specs: ArgSpecs, env: Readonly<Record<string, string | undefined>>): ParsedArgs {
  const def: ArgsDef = {};
  for (const [name, spec] of Object.entries(specs)) {
    def[name] = {
      type: spec.type,
      required: false,
      ...(spec.alias ? { alias: [spec.alias] } : {}),
      // An option read from the environment takes its default after the environment, not before.
      ...(spec.default !== undefined && !spec.env ? { default: spec.default } : {}),
    } as ArgsDef[string];
  }
  // Not `_`: the parser keeps the positionals there, and `-_` would replace them.
  const known = new Set<string>();
  for (const [name, spec] of Object.entries(specs)) {
    known.add(name).add(camel(name));
    if (spec.alias) known.add(spec.alias);
  }
  for (const token of argv) {
    if (token === "--") break;
    const m = /^--?(?:no-)?([^=]+)/.exec(token);
    if (m && token !== "-" && !/^-\d/.test(token) && !known.has(m[1]!) && !known.has(camel(m[1]!))) {
      throw badInput(say(ARGS.unknownOption, { option: token }));
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type !== "string") continue;
    const i = argv.findIndex((t) => t === `--${name}` || (spec.alias && t === flagOf(spec.alias)));
    // `--region=` is a missing value too, not a silent fall back to the default.
    const empty = argv.includes(`--${name}=`) || (spec.alias !== undefined && argv.includes(`${flagOf(spec.alias)}=`));
    if (empty || (i >= 0 && (argv[i + 1] === undefined || argv[i + 1]!.startsWith("--")))) {
      throw badInput(say(ARGS.missingValue, { name }));
    }
  }
  const parsed = cittyParse(argv, def) as unknown as Record<string, string | boolean | undefined>;
  const out: ParsedArgs = { _: [...(parsed as unknown as { _: string[] })._], values: {} };
  for (const [name, spec] of Object.entries(specs)) {
    let value = parsed[name];
    if (value === undefined && spec.env && env[spec.env]) value = env[spec.env];
    if (value === undefined && spec.env) value = spec.default;
    if (spec.type === "string" && typeof value === "boolean") {
      throw badInput(say(ARGS.missingValue, { name }));
    }
    out.values[name] = value;
  }
  return out;
}

/** An option's text, or undefined when it was not given or given empty. */
export function optionText(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** --probe-timeout (checked even with --no-probe), --no-probe and --probe-host: what gradeLab's `probe` takes. */
export function probeOption(a: Record<string, string | boolean | undefined>): false | { timeoutSeconds: number; host?: string } {
  const timeoutSeconds = Number(optionText(a["probe-timeout"]) ?? "5");
  if (!(timeoutSeconds > 0 && timeoutSeconds <= 120)) throw badInput(ARGS.badProbeTimeout);
  if (a["probe"] === false) return false;
  const host = optionText(a["probe-host"]);
  return { timeoutSeconds, ...(host ? { host } : {}) };
}

/** `--lang`, then CALIFICAR_LANG, then Spanish: one rule and one refusal for every command. */
export function parseLang(value: string | boolean | undefined): Lang {
  const lang = typeof value === "string" && value !== "" ? value : "es";
  if (!isLang(lang)) throw badInput(say(ARGS.badLang, { lang }));
  return lang;
}

/** Finds `--lang en` before parsing, so even option errors speak the user's language. */
export function langFromArgv(argv: string[], env: Readonly<Record<string, string | undefined>>): Lang {
  const i = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  const value = i < 0 ? env["CALIFICAR_LANG"] : argv[i]!.includes("=") ? argv[i]!.split("=")[1] : argv[i + 1];
  return value === "en" ? "en" : "es";
}

export function renderHelp(usage: Text, specs: ArgSpecs, lang: Lang, footer?: Text): string {
  const rows = Object.entries(specs)
    .filter(([, s]) => s.type !== "positional")
    .map(([name, s]) => {
      const hint = typeof s.valueHint === "string" ? s.valueHint : s.valueHint?.[lang];
      const flag =
        s.type === "boolean" && s.default === true ? `--no-${name}` : `${s.alias ? `${flagOf(s.alias)}, ` : ""}--${name}${hint ? ` ${hint}` : ""}`;
      return [flag, s.description[lang] + (s.env ? ` [${s.env}]` : "")] as const;
    });
  const width = Math.max(...rows.map(([f]) => f.length));
  const lines = [usage[lang], "", USAGE.options[lang]];
  for (const [flag, text] of rows) lines.push(`  ${flag.padEnd(width)}  ${text}`);
  if (footer) lines.push("", footer[lang]);
  return lines.join("\n") + "\n";
}
