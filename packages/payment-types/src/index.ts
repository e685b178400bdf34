export * from "./generated/models.js";
