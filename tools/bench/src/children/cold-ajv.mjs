// Cold start, Ajv at start-up: import Ajv, ajv-formats and the schemas, compile them with the
// validators' options, validate one payload (argv[2], JSON). Prints the time to the first result.
const payload = JSON.parse(process.argv[2]);
const started = performance.now();
const [{ Ajv2020 }, formats, { schemas }] = await Promise.all([import("ajv/dist/2020.js"), import("ajv-formats"), import("@org/payment-schemas")]);
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, inlineRefs: false, messages: false });
(formats.default.default ?? formats.default)(ajv);
ajv.addVocabulary(["x-legacy", "x-provider-extensible", "x-enum-descriptions"]);
for (const schema of Object.values(schemas)) ajv.addSchema(schema);
const validate = ajv.getSchema(schemas.PaymentSessionResult.$id);
const ok = validate(payload);
const elapsed = performance.now() - started;
process.stdout.write(JSON.stringify({ ms: elapsed, ok }));
