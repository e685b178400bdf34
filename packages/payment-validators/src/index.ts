export * from "./generated/models.js";
export { createModelValidators, type ModelValidators, type SemanticCheck, type ValidateOptions, type ValidationMode, type ValidationResult } from "./create.js";
export { PayloadValidationError } from "./errors.js";
export { formatIssues, type ValidationIssue } from "./issues.js";
export { STANDARD_SCHEMA_VENDOR, type StandardSchemaV1, type SyncStandardSchemaV1, standardSchema } from "./standard.js";
export { inferModel, type ModelInference } from "./infer.js";
