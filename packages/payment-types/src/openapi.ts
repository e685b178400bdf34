export type * from "./generated/openapi.js";
