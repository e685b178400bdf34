// The shape of a function Ajv's standalone code exports.
export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

/** A generated yes/no check that gives the same answer as the compiled validator of the same schema
 *  on every input (proved by a differential fuzz test), without collecting errors: the fast path. */
export type CompiledGuard = (data: unknown) => boolean;
