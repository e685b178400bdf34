#!/usr/bin/env bash
# pnpm release [changeset publish options]: check, build, pack, publish and tag every package.
#   1. clean tree: no uncommitted or untracked change, so what is published is exactly one commit
#   2. what to publish: the versions the registry lacks; none may be tagged on another commit already
#   3. codegen --check: the generated sources (and each package.json's schema set hash) match schemas/
#   4. build, then pack every published package exactly as it will be published (pnpm pack:all),
#      and lint each tarball with publint (package.json vs. files) and attw (types in every resolution mode)
#   5. the same commit, still clean (the build changed nothing tracked)
#   6. publish: changeset publish sends every package whose version the registry does not have yet,
#      through pnpm publish (which turns workspace: ranges into real versions)
#   7. tag: each version this run published gets its tag (@org/payment-types@1.2.0) on the commit
#      checked in step 1, never on whatever HEAD is by then (pass --no-git-tag to skip)
# Each step is one `step` line and its commands; a check that must pass before publishing goes
# before step 5. The registry is npm's own unless npm_config_registry / .npmrc say otherwise.
# Other arguments go to `changeset publish` (e.g. --tag next). Each refusal says what to do next.
set -euo pipefail
cd "$(dirname "$0")/../.."

step() { printf '\nrelease [%ss]: %s\n' "$SECONDS" "$*" >&2; }
halt() {
  printf '\nrelease: stopped: %s\n' "$1" >&2
  printf 'release: next: %s\n' "$2" >&2
  exit 1
}

# Whether the registry has this name@version (`npm view` prints nothing for a missing version).
published() { [ -n "$(npm view "$1" version 2>/dev/null)" ]; }

# changeset publish asks `npm info` about each package with an explicit --registry, npm's own when
# npm_config_registry is unset; pin it to the registry this project's npm config names.
export npm_config_registry="${npm_config_registry:-$(pnpm config get registry)}"

tag=1
publish_args=()
for arg in "$@"; do
  if [ "$arg" = "--no-git-tag" ]; then tag=0; else publish_args+=("$arg"); fi
done

step "clean working tree"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
  halt "$PWD is not a git checkout, so no commit would match what is published" "run pnpm release in a clone of the repository"
changes="$(git status --porcelain --untracked-files=all)"
[ -z "$changes" ] ||
  halt "the working tree has uncommitted changes, which would be published under a commit that does not hold them:
$changes" "commit them (git add -A && git commit) or stash them (git stash --include-untracked), then run pnpm release again"
commit="$(git rev-parse HEAD)"
echo "release: publishing commit $commit" >&2

# What this run is about to publish: the versions of the published packages that the registry does
# not have yet. A tag of one of them already on another commit means that commit was tagged but
# never published: refuse before anything else happens.
step "what to publish"
mapfile -t releases < <(pnpm exec tsx -e 'import("./tools/scripts/published-packages.ts").then(({ publishedPackages }) => { for (const p of publishedPackages()) console.log(`${p.name}@${p.version}`); })')
[ ${#releases[@]} -gt 0 ] || halt "no package to publish under packages/" "check that packages/*/package.json exist and are not all private"
unpublished=()
for release in "${releases[@]}"; do
  published "$release" && continue
  unpublished+=("$release")
  tagged="$(git rev-parse -q --verify "refs/tags/$release^{commit}" || true)"
  [ "$tag" -eq 0 ] || [ -z "$tagged" ] || [ "$tagged" = "$commit" ] ||
    halt "tag $release already exists on commit $tagged, but the registry has no $release and this release is commit $commit" \
      "if $tagged was never published, delete the tag (git tag -d $release) and run pnpm release again; otherwise add a changeset and run pnpm changeset:version for a new version"
done
echo "release: to publish: ${unpublished[*]:-nothing (the registry has every version)}" >&2

step "codegen --check"
pnpm codegen --check

# Schema gate (schema:diff --base published): the version about to be published must raise the last
# published @org/payment-schemas by at least the bump the schema changes since it require; a
# lower one stops the release and says which changeset to add.
step "schema gate: changes since the last published @org/payment-schemas vs. this version"
pnpm --silent changeset:check --base published

step "build and pack"
packs="$(mktemp -d)"
trap 'rm -rf "$packs"' EXIT
pnpm exec tsx tools/scripts/pack-all.ts --out "$packs" --json >"$packs/packed.json"
mapfile -t packed < <(node -e 'for (const p of require(process.argv[1])) console.log(`${p.name}@${p.version}\t${p.tarball}`)' "$packs/packed.json")

for entry in "${packed[@]}"; do
  tarball="${entry#*$'\t'}"
  step "lint ${entry%%$'\t'*}"
  pnpm exec publint run --strict "$tarball"
  # Profile node16: every resolution mode of Node 20+ and bundlers (node10 predates `exports`).
  # --no-definitely-typed: our packages ship their own types; never look any up online.
  pnpm exec attw --profile node16 --no-definitely-typed --no-emoji --no-color --format table-flipped "$tarball"
done

step "still the same commit, still clean"
[ "$(git rev-parse HEAD)" = "$commit" ] && [ -z "$(git status --porcelain --untracked-files=all)" ] ||
  halt "the checkout changed while releasing (HEAD $(git rev-parse HEAD), was $commit; or the build changed tracked files):
$(git status --porcelain --untracked-files=all)" "commit or revert what changed, then run pnpm release again"

step "publish"
status=0
pnpm exec changeset publish --no-git-tag ${publish_args[@]+"${publish_args[@]}"} || status=$?

if [ "$tag" -eq 1 ]; then
  # Tag what reached the registry, even after a partial failure, so git records every published version.
  for release in ${unpublished[@]+"${unpublished[@]}"}; do
    if published "$release"; then
      git tag -f "$release" "$commit" >/dev/null
      echo "release: tagged $release on $commit" >&2
    fi
  done
  [ ${#unpublished[@]} -eq 0 ] || echo "release: push the tags with: git push origin --tags" >&2
fi
[ "$status" -eq 0 ] || halt "changeset publish exited $status (see above); the versions that did reach the registry are tagged" \
  "fix the cause and run pnpm release again: it publishes only the versions the registry still lacks"
step "done"
