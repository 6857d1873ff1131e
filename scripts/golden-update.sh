#!/usr/bin/env bash
# Rewrites the golden manifest sets on purpose. Review `git diff test/golden` before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf test/golden/inventory-checker
node lib/cli/main.js synth --values examples/inventory-checker/values.yaml --out test/golden/inventory-checker >/dev/null
for answers in test/golden/cases/*.yaml; do
  name=$(basename "$answers" .yaml)
  rm -rf "test/golden/$name"
  node lib/cli/main.js synth --values "$answers" --out "test/golden/$name" >/dev/null 2>&1
done
git status --short test/golden
