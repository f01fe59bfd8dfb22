import type { Result } from "../result.js";

export interface RenderOptions {
  color: boolean;
}

export type Renderer = (result: Result, options: RenderOptions) => string | Promise<string>;

/** Format name -> lazy renderer; `--format` accepts exactly these names. */
export const renderers: Record<string, () => Promise<Renderer>> = {
  text: async () => (await import("./text.js")).renderText,
  json: async () => (await import("./json.js")).renderJson,
};

export const FORMATS = Object.keys(renderers);
