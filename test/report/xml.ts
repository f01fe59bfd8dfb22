/**
 * A small, strict XML 1.0 reader for tests: it rejects what a conforming parser rejects in the
 * documents we write (unbalanced or crossed tags, raw "<" or "&" in text or attributes, unknown
 * entities, duplicate attributes, characters XML forbids, more than one root).
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its descendants'), entities decoded. */
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(raw: string, where: string): string {
  if (raw.includes("<")) throw new Error(`raw "<" in ${where}`);
  return raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(";")) throw new Error(`unterminated reference in ${where}: ${whole}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#\d+$/.test(ref) ? Number(ref.slice(1)) : NaN;
    if (Number.isNaN(code)) throw new Error(`unknown entity &${ref}; in ${where}`);
    return String.fromCodePoint(code);
  });
}

export function parseXml(source: string): XmlElement {
  if (FORBIDDEN.test(source)) throw new Error("character not allowed in XML");
  let at = 0;
  const rest = () => source.slice(at);
  const skipMisc = () => {
    for (;;) {
      const m = /^(\s+|<!--[\s\S]*?-->|<\?(?!xml[\s?])[\s\S]*?\?>)/.exec(rest());
      if (!m) return;
      at += m[0].length;
    }
  };
  const decl = /^<\?xml\s[^?]*\?>/.exec(source);
  if (decl) at = decl[0].length;

  function element(): XmlElement {
    if (source[at] !== "<") throw new Error(`expected an element at ${at}`);
    at++;
    const name = NAME.exec(rest())?.[0];
    if (!name) throw new Error(`bad element name at ${at}`);
    at += name.length;
    const attrs: Record<string, string> = {};
    for (;;) {
      const m = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(rest());
      if (!m) break;
      const key = m[1]!;
      if (key in attrs) throw new Error(`duplicate attribute ${key} on <${name}>`);
      attrs[key] = decode(m[3] ?? m[4] ?? "", `${name}@${key}`).replace(/[\t\n\r]/g, " ");
      at += m[0].length;
    }
    const close = /^\s*(\/?)>/.exec(rest());
    if (!close) throw new Error(`malformed start tag <${name}> at ${at}: ${rest().slice(0, 40)}`);
    at += close[0].length;
    const node: XmlElement = { name, attrs, children: [], text: "" };
    if (close[1]) return node;
    for (;;) {
      const textEnd = source.indexOf("<", at);
      if (textEnd < 0) throw new Error(`<${name}> is never closed`);
      node.text += decode(source.slice(at, textEnd), `text of <${name}>`);
      at = textEnd;
      if (source.startsWith("</", at)) {
        const end = new RegExp(`^</${name}\\s*>`).exec(rest());
        if (!end) throw new Error(`<${name}> closed by ${rest().slice(0, 30)}`);
        at += end[0].length;
        return node;
      }
      if (source.startsWith("<!--", at)) {
        const stop = source.indexOf("-->", at);
        if (stop < 0) throw new Error("unterminated comment");
        at = stop + 3;
      } else if (source.startsWith("<![CDATA[", at)) {
        const stop = source.indexOf("]]>", at);
        if (stop < 0) throw new Error("unterminated CDATA");
        node.text += source.slice(at + 9, stop);
        at = stop + 3;
      } else {
        node.children.push(element());
      }
    }
  }

  skipMisc();
  const root = element();
  skipMisc();
  if (at !== source.length) throw new Error(`content after the root element: ${rest().slice(0, 40)}`);
  return root;
}
