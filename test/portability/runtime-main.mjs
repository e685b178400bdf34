// Entry for Deno and Bun (and Node): node:fs and node:process are there in all three.
// Arguments: the shipped validators module, the corpus file, the expected results file.
import { readFileSync } from "node:fs";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { compare } from "./runtime-probe.mjs";

const [validatorsFile, corpusFile, expectedFile] = process.argv.slice(-3);
const validators = await import(pathToFileURL(validatorsFile).href);
const report = compare(validators, JSON.parse(readFileSync(corpusFile, "utf8")), JSON.parse(readFileSync(expectedFile, "utf8")));
console.log(JSON.stringify(report));
