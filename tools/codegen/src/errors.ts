// One error type for everything wrong with the schema input: file, JSON Pointer, rule id, message.
import type { SchemaRuleId } from "./model/schema-rules.js";

export class SchemaError {
  constructor(
    readonly file: string,
    readonly pointer: string,
    readonly rule: SchemaRuleId,
    readonly message: string,
  ) {}

  toString(): string {
    return `${this.file}#${this.pointer} [${this.rule}] ${this.message}`;
  }
}

export class SchemaSetError extends Error {
  constructor(readonly errors: readonly SchemaError[]) {
    super(`${errors.length} schema error${errors.length === 1 ? "" : "s"}:\n${errors.map((e) => `  ${e.toString()}`).join("\n")}`);
    this.name = "SchemaSetError";
  }
}
