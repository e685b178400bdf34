#!/usr/bin/env bash
# The whole test suite: generated output in sync with schemas/, every package built, then vitest
# (unit, property, type, snapshot and end-to-end tests). Installs the system packages the
# end-to-end tests need (Debian's chromium) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/scripts/ensure-system-deps.sh
pnpm codegen --check
# Schema changes since the base (merge base with main, or the last release tag) need a pending
# changeset with at least the bump schema:diff classifies them as.
pnpm changeset:check
pnpm exec turbo run build typecheck
pnpm exec vitest run "$@"
