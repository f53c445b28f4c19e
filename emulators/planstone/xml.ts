/**
 * Eve's `XMLRenderer`, for `Accept: application/xml`: a `<resource href title>` root from the
 * self link, `<link rel href title />` for the other links (sorted by rel), `<_meta>`, then
 * one `<resource>` per item, fields as sorted elements, lists as repeated elements. No XML
 * declaration. Values are escaped as markupsafe does; `null` renders as `None`, booleans as
 * `True`/`False` (Python's `str`).
 */
export function renderXml(data: Record<string, unknown>): string {
  if (Object.keys(data).length === 0) return '';
  let xml = rootOpen(data);
  xml += linkElements(data);
  xml += metaElement(data);
  const items = data._items;
  xml += Array.isArray(items) ? items.map((item) => itemElement(item as Record<string, unknown>)).join('') : dictElements(data);
  return `${xml}</resource>`;
}

type Links = Record<string, { href: string; title?: string }>;

function linksOf(data: Record<string, unknown>): Links {
  const links = data._links;
  return links !== null && typeof links === 'object' ? (links as Links) : {};
}

function rootOpen(data: Record<string, unknown>): string {
  const self = linksOf(data).self;
  if (!self) return '<resource>';
  const href = ` href="${escape(self.href)}" `;
  const title = self.title !== undefined ? ` title="${self.title}" ` : '';
  return `<resource${href}${title}>`;
}

/** `<link>` elements; the root and items already turned `self` into attributes. */
function linkElements(data: Record<string, unknown>, includeSelf = false): string {
  return Object.entries(linksOf(data))
    .filter(([rel]) => includeSelf || rel !== 'self')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([rel, link]) => `<link rel="${rel}" href="${escape(link.href)}" title="${link.title ?? ''}" />`)
    .join('');
}

function metaElement(data: Record<string, unknown>): string {
  const meta = data._meta;
  if (meta === null || typeof meta !== 'object') return '';
  const fields = Object.entries(meta as Record<string, number>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `<_meta>${fields.map(([name, value]) => `<${name}>${Math.trunc(value)}</${name}>`).join('')}</_meta>`;
}

function itemElement(item: Record<string, unknown>): string {
  return `${rootOpen(item)}${linkElements(item)}${dictElements(item)}</resource>`;
}

function dictElements(data: Record<string, unknown>): string {
  let xml = '';
  const keys = Object.keys(data)
    .filter((key) => key !== '_links' && key !== '_meta' && key !== '_items')
    .sort();
  for (const key of keys) {
    const raw = data[key];
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const object = value as Record<string, unknown>;
        xml += `<${key}>${dictElements(object)}${linkElements(object, true)}</${key}>`;
      } else {
        xml += `<${key}>${escape(pythonStr(value))}</${key}>`;
      }
    }
  }
  return xml;
}

function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return String(value);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[ch]!);
}
