#!/usr/bin/env bash
# The whole test suite: sources formatted and lint-clean, generated output in sync with schemas/,
# every package built, then vitest (unit, property, type, snapshot and end-to-end tests). Installs
# the system packages the end-to-end tests need (Debian's chromium) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/scripts/ensure-system-deps.sh
# Formatting and lint rules (biome.jsonc): read-only, fails on any unformatted file or finding.
pnpm lint
pnpm codegen --check
# Schema changes since the base (merge base with main, or the last release tag) need a pending
# changeset with at least the bump schema:diff classifies them as.
pnpm changeset:check
pnpm exec turbo run build typecheck
# vitest's own summary is styled for terminals; the last line restates it plainly for CI logs.
summary="test-output/vitest-summary.json"
mkdir -p test-output
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$summary" "$@" || status=$?
if [ -f "$summary" ]; then
  [ "$status" -eq 0 ] || echo "vitest exited with $status (failed tests, suites or type errors above)"
  node -e 'const r = require(process.argv[1]); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`)' "$PWD/$summary"
fi
exit "$status"
