// The one rule for `SessionFilter.search`, shared by the validation of the argument and by
// every datasource that evaluates it: what a word is, and when a text contains it.

const COMBINING_MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/**
 * Text as search compares it: lower-cased, decomposed (NFD) and without combining marks,
 * so `É`, `é` and `e` are the same letter. Lower-casing comes first, because it can itself
 * produce a mark (`İ` lower-cases to `i` + U+0307).
 */
export function foldSearchText(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '');
}

/**
 * The words of a search: folded (see foldSearchText) and split on every run of characters
 * that are not letters or digits; empty pieces dropped, repeats kept once. `"Café—Berlin 2026"`
 * → `["cafe", "berlin", "2026"]`.
 */
export function searchWords(search: string): string[] {
  return [
    ...new Set(
      foldSearchText(search)
        .split(NOT_WORD)
        .filter((word) => word.length > 0),
    ),
  ];
}

const TAG = /<[^>]*>/g;
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function codePoint(value: number): string {
  return value > 0 && value <= 0x10ffff && (value < 0xd800 || value > 0xdfff) ? String.fromCodePoint(value) : ' ';
}

/**
 * The text of basic HTML as search reads it: every tag becomes a space (so `a<br>b` is two
 * words), then numeric entities and `&amp; &lt; &gt; &quot; &apos; &nbsp;` are decoded.
 */
export function htmlToSearchText(html: string): string {
  return html
    .replace(TAG, ' ')
    .replace(ENTITY, (_, decimal: string | undefined, hex: string | undefined, name: string | undefined) =>
      decimal !== undefined ? codePoint(Number(decimal)) : hex !== undefined ? codePoint(Number.parseInt(hex, 16)) : NAMED[name!.toLowerCase()]!,
    );
}

/**
 * `texts` folded (foldSearchText) into one text to search, each on its own line, so that no
 * word (letters and digits only) spans two texts. Keep it where the texts cannot change.
 */
export function searchHaystack(texts: ReadonlyArray<string | null | undefined>): string {
  return texts
    .filter((text): text is string => typeof text === 'string' && text.length > 0)
    .map(foldSearchText)
    .join('\n');
}

/**
 * Whether every one of `words` (from searchWords) occurs as a substring of at least one of
 * `texts` (raw texts, or a searchHaystack of them). A word never spans two texts. No words: true.
 */
export function textsContainAllWords(texts: ReadonlyArray<string | null | undefined> | string, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = typeof texts === 'string' ? texts : searchHaystack(texts);
  return words.every((word) => haystack.includes(word));
}
