/**
 * A small strict HTML reader for the report tests: tokenizes the document, builds the element
 * tree and throws on any unbalanced or misnested tag (the report's markup must be well formed,
 * including the inline SVG). Raw-text elements (style, title) are read to their end tag.
 */

export interface Element {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: (Element | string)[];
  readonly parent: Element | null;
}

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr']);
const RAW = new Set(['style', 'title', 'script', 'textarea']);

/** Decodes the entities the report uses (named, decimal and hex). */
export function decode(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#')
      return String.fromCodePoint(body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10));
    const v = named[body.toLowerCase()];
    if (v === undefined) throw new Error(`unknown entity ${whole}`);
    return v;
  });
}

function attributesOf(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    const name = m[1]!.toLowerCase();
    if (name in out) throw new Error(`duplicate attribute ${name}`);
    out[name] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

const CLOSE = /<\/([a-zA-Z][\w:-]*)\s*>/y;
const OPEN = /<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/y;

/** Parses a document; throws with the offset on a tag that does not balance. */
export function parseHtml(html: string): Element {
  const root: Element = { tag: '#root', attributes: {}, children: [], parent: null };
  let current = root;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      current.children.push(decode(html.slice(i)));
      break;
    }
    if (lt > i) current.children.push(decode(html.slice(i, lt)));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt);
      if (end < 0) throw new Error(`unterminated comment at ${lt}`);
      i = end + 3;
      continue;
    }
    if (html.startsWith('<!', lt)) {
      i = html.indexOf('>', lt) + 1;
      continue;
    }
    CLOSE.lastIndex = lt;
    const close = CLOSE.exec(html);
    if (close) {
      const tag = close[1]!.toLowerCase();
      if (current.tag !== tag) throw new Error(`</${tag}> at ${lt} closes <${current.tag}>`);
      current = current.parent!;
      i = lt + close[0].length;
      continue;
    }
    OPEN.lastIndex = lt;
    const open = OPEN.exec(html);
    if (!open) throw new Error(`malformed tag at ${lt}: ${html.slice(lt, lt + 60)}`);
    const tag = open[1]!.toLowerCase();
    const element: Element = { tag, attributes: attributesOf(open[2]!), children: [], parent: current };
    current.children.push(element);
    i = lt + open[0].length;
    if (open[3] === '/' || VOID.has(tag)) continue;
    if (RAW.has(tag)) {
      const end = html.toLowerCase().indexOf(`</${tag}>`, i);
      if (end < 0) throw new Error(`unterminated <${tag}> at ${lt}`);
      element.children.push(tag === 'style' ? html.slice(i, end) : decode(html.slice(i, end)));
      i = end + tag.length + 3;
      continue;
    }
    current = element;
  }
  if (current !== root) throw new Error(`<${current.tag}> is never closed`);
  return root;
}

/** Every element under `node` (depth first, document order) matching `test`. */
export function findAll(node: Element, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (test(c)) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

/** Elements by tag name. */
export function byTag(node: Element, tag: string): Element[] {
  return findAll(node, (e) => e.tag === tag);
}

/** Whether the element has the class. */
export function hasClass(e: Element, name: string): boolean {
  return (e.attributes['class'] ?? '').split(/\s+/).includes(name);
}

/** Text content, optionally skipping subtrees. */
export function textOf(node: Element | string, skip: (e: Element) => boolean = () => false): string {
  if (typeof node === 'string') return node;
  if (skip(node)) return '';
  return node.children.map((c) => textOf(c, skip)).join('');
}

/** Element children only. */
export function elements(node: Element): Element[] {
  return node.children.filter((c): c is Element => typeof c !== 'string');
}

/** A table as its caption, header texts and rows of cells (each cell the element). */
export interface ParsedTable {
  readonly caption: string;
  readonly headers: string[];
  readonly rows: Element[][];
  readonly element: Element;
}

export function tables(node: Element): ParsedTable[] {
  return byTag(node, 'table').map((t) => {
    const caption = byTag(t, 'caption')[0];
    const head = byTag(t, 'thead')[0];
    const body = byTag(t, 'tbody')[0];
    return {
      caption: caption ? textOf(caption).replace(/\s+/g, ' ').trim() : '',
      headers: head ? byTag(head, 'th').map((th) => textOf(th).trim()) : [],
      rows: body ? byTag(body, 'tr').map((tr) => elements(tr)) : [],
      element: t,
    };
  });
}
