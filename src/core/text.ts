/** Languages a report can be written in. Spanish is the course's language. */
export const LANGS = ["es", "en"] as const;
export type Lang = (typeof LANGS)[number];

/** Student-facing text, always given in every language. */
export type Text = Record<Lang, string>;

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a typo shows up in review. */
export function fill(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}

/** A sentence with its placeholders filled in every language: `badInput(say(INPUT.noLabFile, { file }))`. */
export function say(template: Text, data: Record<string, string | number> = {}): Text {
  return { es: fill(template.es, data), en: fill(template.en, data) };
}

/** 303038464 → «289 MB»: sizes as people read them (MB of 1024 × 1024 bytes). */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}
