#!/usr/bin/env bash
# pnpm release [changeset publish options]: build every package, check it, publish it.
#   1. codegen --check: the generated sources (and each package.json's schema set hash) match schemas/
#   2. turbo build of every package
#   3. each published package is packed exactly as it will be published (pnpm pack), and the
#      tarball is linted with publint (package.json vs. files) and attw (types in every resolution mode)
#   4. changeset publish: publishes every package whose version the registry does not have yet,
#      through pnpm publish (which turns workspace: ranges into real versions), then tags it in git
# The registry is npm's own unless npm_config_registry / .npmrc say otherwise. Extra arguments go
# to `changeset publish` (e.g. --no-git-tag, --tag next).
set -euo pipefail
cd "$(dirname "$0")/../.."

step() { printf '\nrelease [%ss]: %s\n' "$SECONDS" "$*" >&2; }

# changeset publish asks `npm info` about each package with an explicit --registry, npm's own when
# npm_config_registry is unset; pin it to the registry this project's npm config names.
export npm_config_registry="${npm_config_registry:-$(pnpm config get registry)}"

step "codegen --check"
pnpm codegen --check

# Schema gate (schema:diff --base published): the version about to be published must raise the last
# published @org/payment-schemas by at least the bump the schema changes since it require; a
# lower one stops the release and says which changeset to add.
step "schema gate: changes since the last published @org/payment-schemas vs. this version"
pnpm --silent changeset:check --base published

step "build"
pnpm exec turbo run build --output-logs=errors-only

packs="$(mktemp -d)"
trap 'rm -rf "$packs"' EXIT
# Every package under packages/ that is not private is published.
mapfile -t published < <(node -e '
  const { readdirSync, readFileSync, existsSync } = require("node:fs");
  for (const dir of readdirSync("packages").sort()) {
    const file = `packages/${dir}/package.json`;
    if (existsSync(file) && JSON.parse(readFileSync(file, "utf8")).private !== true) console.log(`packages/${dir}`);
  }')
[ ${#published[@]} -gt 0 ] || { echo "release: no package to publish under packages/" >&2; exit 1; }

for dir in "${published[@]}"; do
  step "pack and lint $dir"
  tarball="$(cd "$dir" && pnpm pack --pack-destination "$packs" | tail -n 1)"
  pnpm exec publint run --strict "$tarball"
  # Profile node16: every resolution mode of Node 20+ and bundlers (node10 predates `exports`).
  # --no-definitely-typed: our packages ship their own types; never look any up online.
  pnpm exec attw --profile node16 --no-definitely-typed --no-emoji --no-color --format table-flipped "$tarball"
done

step "publish"
pnpm exec changeset publish "$@"
step "done"
