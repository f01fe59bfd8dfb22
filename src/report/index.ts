import type { Result } from "../core/result.js";

export interface RenderOptions {
  color: boolean;
  /** The environment a gradebook format reads its submission identity from (classroom50). */
  env?: Readonly<Record<string, string | undefined>>;
}

export type Renderer = (result: Result, options: RenderOptions) => string | Promise<string>;

/** Format name -> lazy renderer; `--format` accepts exactly these names (no prototype: `--format constructor` is unknown). */
export const renderers: Record<string, () => Promise<Renderer>> = Object.assign(Object.create(null) as Record<string, () => Promise<Renderer>>, {
  text: async () => (await import("./text.js")).renderText,
  json: async () => (await import("./json.js")).renderJson,
  md: async () => (await import("./md.js")).renderMarkdown,
  html: async () => (await import("./html.js")).renderHtml,
  junit: async () => (await import("./junit.js")).renderJunit,
  gradescope: async () => (await import("./gradescope.js")).renderGradescope,
  classroom50: async () => {
    const { renderClassroom50 } = await import("./classroom50.js");
    return (result, options) => renderClassroom50(result, options.env ?? {});
  },
} satisfies Record<string, () => Promise<Renderer>>);

export const FORMATS = Object.keys(renderers);
