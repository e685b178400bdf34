// Entry for workerd (`workerd test`): the validators, the corpus and the expected results are
// modules of the worker; the report goes to the log, and a mismatch fails the test run.
import corpus from "corpus.json";
import expected from "expected.json";
import { compare } from "probe.mjs";
import * as validators from "validators.js";

export default {
  async test() {
    const report = compare(validators, corpus, expected);
    console.log(`REPORT ${JSON.stringify(report)}`);
    if (report.mismatches.length > 0) throw new Error(`${report.mismatches.length} results differ from Node's`);
  },
};
