export * from "./generated/tolerant.js";
