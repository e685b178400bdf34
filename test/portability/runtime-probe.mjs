// Runs in every JavaScript runtime the validators are tested in (Node, Deno, Bun, workerd,
// Chromium): plain ECMAScript, no runtime API. Judges a corpus with the shipped validators, strict
// and tolerant, and compares each full result (verdict, issues, warnings) with the one Node gave.

/** Every payload's results: [strict, tolerant], each the validator's whole answer. */
export function judge(validators, corpus) {
  return corpus.map(({ model, text }) => {
    const validate = validators[`validate${model}`];
    return [validate(JSON.parse(text)), validate(JSON.parse(text), { mode: "tolerant" })];
  });
}

/** What this runtime says about `corpus`, against `expected` (judge's answer in Node). */
export function compare(validators, corpus, expected) {
  const mismatches = [];
  let valid = 0;
  judge(validators, corpus).forEach((results, i) => {
    if (results[0].ok) valid++;
    const got = JSON.stringify(results);
    const want = JSON.stringify(expected[i]);
    if (got !== want && mismatches.length < 20) mismatches.push({ model: corpus[i].model, source: corpus[i].source, got, want });
  });
  let codeFromStrings;
  try {
    codeFromStrings = new Function("return 'allowed'")();
  } catch (error) {
    codeFromStrings = `refused (${error?.name})`;
  }
  return { checked: corpus.length, valid, mismatches, codeFromStrings };
}
