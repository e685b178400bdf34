export * from "./generated/factories.js";
export { type DeepPartial, cloneJson } from "./factory.js";
