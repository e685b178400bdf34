// Near-misses for differential tests: a JSON value with a few random edits anywhere in it (a value
// replaced, a key removed, a key or item added), so that every rule of a schema is exercised at
// every depth. Shared by the tests that compare two validators on the same inputs.
import fc from "fast-check";

export interface EditOptions {
  /** Values to put in (each is copied, never shared between places or runs). */
  readonly values: fc.Arbitrary<unknown>;
  /** Keys to add to objects. */
  readonly keys: readonly string[];
  /** At most this many edits (at least one). */
  readonly maxEdits?: number;
}

export function edited(example: unknown, options: EditOptions): fc.Arbitrary<unknown> {
  const edit = fc.tuple(fc.nat(), fc.nat(), options.values, fc.constantFrom("replace", "remove", "add"));
  return fc.array(edit, { minLength: 1, maxLength: options.maxEdits ?? 1 }).map((edits) => {
    let copy = structuredClone(example);
    for (const [where, which, generated, kind] of edits) {
      const value = structuredClone(generated);
      const containers: (Record<string, unknown> | unknown[])[] = [];
      const collect = (node: unknown) => {
        if (node === null || typeof node !== "object") return;
        containers.push(node as Record<string, unknown>);
        for (const child of Object.values(node)) collect(child);
      };
      collect(copy);
      if (containers.length === 0) {
        copy = value;
        continue;
      }
      const target = containers[where % containers.length]! as Record<string, unknown>;
      const own = Object.keys(target);
      if (kind === "add" || own.length === 0) target[Array.isArray(target) ? String(target.length) : options.keys[which % options.keys.length]!] = value;
      else if (kind === "remove" && !Array.isArray(target)) delete target[own[which % own.length]!];
      else target[own[which % own.length]!] = value;
    }
    return copy;
  });
}
