#!/usr/bin/env bash
# The build and the CLI, synth and review tests on each supported Node major beside the one CI
# runs everything on (engines: >=20.19). Node comes from the npm registry's packaged binaries (the
# `node` package, which ships the binary inside a registry package), installed once per major into
# $VIBE_ENV_CACHE (default ~/.cache/vibe-env, outside the repository) and reused after.
#
#   bash scripts/node-matrix.sh          # Node 22 and 24
#   bash scripts/node-matrix.sh 24       # one major
#   VIBE_NODE_REFRESH=1 bash scripts/node-matrix.sh   # reinstall the newest release of each major
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${VIBE_ENV_CACHE:-$HOME/.cache/vibe-env}"
MAJORS=("$@")
[ ${#MAJORS[@]} -gt 0 ] || MAJORS=(22 24)

# A meaningful subset: the compiled CLI end to end (synth, review, seal), cdk8s synth with the
# validation plugin, and VibeApp in process. The whole suite runs on the CI's own Node.
TESTS=(
  test/cli.test.ts
  test/cdk8s-synth.test.ts
  test/review/review-cli.test.ts
  test/review/cdk8s-plugin.test.ts
  test/review/synth-gate.test.ts
  test/seal/cli.test.ts
)

install_node() {
  local major=$1 dir=$2
  rm -rf "$dir" && mkdir -p "$dir"
  printf '{ "private": true }\n' > "$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error "node@$major" >/dev/null
}

for major in "${MAJORS[@]}"; do
  dir="$CACHE/node-$major"
  bin="$dir/node_modules/node/bin"
  if [ -n "${VIBE_NODE_REFRESH:-}" ] || [ ! -x "$bin/node" ]; then
    echo "node-matrix: installing Node $major into $dir"
    install_node "$major" "$dir"
  fi
  version=$("$bin/node" --version)
  case "$version" in
    "v$major".*) ;;
    *) echo "node-matrix: $bin/node is $version, not Node $major" >&2; exit 1 ;;
  esac
  echo "node-matrix: Node $version"
  start=$SECONDS
  # On PATH first: the tests spawn `node` (cdk8s synth's app) and process.execPath (the CLI).
  PATH="$bin:$PATH" node node_modules/typescript/bin/tsc --build --force
  PATH="$bin:$PATH" node node_modules/jest/bin/jest.js --maxWorkers=1 "${TESTS[@]}"
  echo "node-matrix: Node $version passed in $((SECONDS - start)) s"
done
