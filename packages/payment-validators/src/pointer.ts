// JSON Pointer tokens (RFC 6901): a property name as it appears in a pointer, and back.

/** `token` as a pointer spells it: "~" as "~0", "/" as "~1". */
export function escapeToken(token: string): string {
  // (One pass over the characters: most tokens are short property names with nothing to escape.)
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === 126 || c === 47) return token.replace(/~/g, "~0").replace(/\//g, "~1"); // "~" or "/"
  }
  return token;
}

/** The property name a pointer's token spells. */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}
