// Test-only preload (node --import): makes one call of one node:fs function throw, to prove that
// codegen survives a failure in the middle of writing. CODEGEN_FAIL_FS="<function>:<path part>:<n>"
// fails the n-th call of fs.<function> that has an argument containing <path part>.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const spec = process.env.CODEGEN_FAIL_FS;
if (spec) {
  const [name, pathPart, nth] = spec.split(":");
  const original = fs[name];
  if (typeof original !== "function") throw new Error(`CODEGEN_FAIL_FS: fs.${name} is not a function`);
  let calls = 0;
  fs[name] = function failing(...args) {
    if (args.some((arg) => typeof arg === "string" && arg.includes(pathPart)) && ++calls === Number(nth)) {
      const error = new Error(`EIO: injected failure in fs.${name}(${args.filter((a) => typeof a === "string").join(", ")})`);
      error.code = "EIO";
      throw error;
    }
    return original.apply(this, args);
  };
  // ESM named imports of node:fs are bound to the builtin's exports: refresh them.
  syncBuiltinESMExports();
}
