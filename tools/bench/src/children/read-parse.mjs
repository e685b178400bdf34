// The practical limit for the CLI benchmark: read an NDJSON file (argv[2]) as a stream and
// JSON.parse every line, nothing else. Prints the number of payloads parsed.
import { createReadStream } from "node:fs";

let count = 0;
let carry = "";
for await (const chunk of createReadStream(process.argv[2], { encoding: "utf8", highWaterMark: 1 << 16 })) {
  const text = carry + chunk;
  let start = 0;
  for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
    if (end > start) {
      JSON.parse(text.slice(start, end));
      count++;
    }
    start = end + 1;
  }
  carry = text.slice(start);
}
if (carry.trim() !== "") {
  JSON.parse(carry);
  count++;
}
process.stdout.write(String(count));
