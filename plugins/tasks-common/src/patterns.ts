/**
 * The input rules of the tasks API as regular expression sources, written
 * once: the zod schemas use them, and `openapi.yaml` states the same
 * strings as `pattern` (a test in the backend checks that they match).
 *
 * @public
 */
export const TASK_PATTERNS = (() => {
  /** A catalog name or namespace: 1–63 of `[A-Za-z0-9_.-]`, alphanumeric at both ends. */
  const name = '[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
  return {
    /** RFC 9562 UUID (versions 1–8, variant 10xx), any letter case. */
    uuid: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$',
    /** `kind:[namespace/]name`; the kind is required. */
    entityRef: `^[A-Za-z][A-Za-z0-9]{0,62}:(?:${name}/)?${name}$`,
    /** `[user:][namespace/]name`; the kind, when given, is `user` in any case. */
    userRef: `^(?:[Uu][Ss][Ee][Rr]:)?(?:${name}/)?${name}$`,
    /** Contains a non-whitespace character (it is trimmed) and no NUL. */
    nonBlankText: '^\\s*[^\\s\\u0000][^\\u0000]*$',
    /** No NUL character (PostgreSQL cannot store it). */
    text: '^[^\\u0000]*$',
    /** One label: no whitespace, commas or NUL. */
    label: '^[^\\s,\\u0000]+$',
    /** `If-Match`: the version read, quoted or not, optionally weak. */
    ifMatch: '^(?:W/)?(?:"[1-9][0-9]{0,8}"|[1-9][0-9]{0,8})$',
  } as const;
})();

/** Length in Unicode code points, as JSON Schema's `maxLength` counts. @public */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // a high surrogate followed by a low one is one code point
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Length in UTF-8 bytes (lone surrogates count as the 3-byte U+FFFD). @public */
export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}
