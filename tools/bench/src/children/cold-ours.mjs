// Cold start, generated validators: import the package and validate one payload (argv[2], JSON).
// Prints the time from the import to the first result, in ms.
const payload = JSON.parse(process.argv[2]);
const started = performance.now();
const { validatePaymentSessionResult } = await import("@org/payment-validators");
const result = validatePaymentSessionResult(payload);
const elapsed = performance.now() - started;
process.stdout.write(JSON.stringify({ ms: elapsed, ok: result.ok }));
