// fast-check arbitraries of every model: a subpath of its own, so that the factories need no
// fast-check while these use the consumer's own copy (a peer dependency).
export * from "./generated/arbitraries.js";
