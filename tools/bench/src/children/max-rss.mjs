// Preloaded into a measured child process: writes its peak RSS (KB) and the CPU time of all its
// threads, user + system (microseconds), to $BENCH_RSS_FILE on exit.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const usage = process.resourceUsage();
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, `${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}`);
});
