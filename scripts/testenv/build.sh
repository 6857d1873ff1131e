#!/usr/bin/env bash
# Builds etcd, kube-apiserver and the Sealed Secrets controller from their Go modules at pinned
# versions into $HOME/.cache/vibe-env/testenv/<key>/bin, for the cluster tests (npm run test:cluster).
# A no-op when the three binaries are there. The key names the versions and hashes this recipe,
# so a changed recipe builds into a new folder and never mixes with an old build.
#   scripts/testenv/build.sh            build if needed, then print the bin folder
#   scripts/testenv/build.sh --bin-dir  only print the bin folder (no Go needed)
#   scripts/testenv/build.sh --or-skip  without Go, say so and exit 0 (the tests then report themselves skipped)
# Go's caches (GOCACHE, GOMODCACHE) live beside the builds and are reused across versions.
set -euo pipefail

K8S_VERSION=v1.34.4        # k8s.io/kubernetes; its staging modules are v0.34.4
ETCD_VERSION=v3.6.16
SEALED_SECRETS_VERSION=v0.40.0
STAGING_VERSION="v0.${K8S_VERSION#v1.}"

# k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with its own tree;
# a module that embeds it must pin each one itself (as projects that embed it do).
STAGING_MODULES="api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider
cluster-bootstrap code-generator component-base component-helpers controller-manager cri-api cri-client
csi-translation-lib dynamic-resource-allocation endpointslice externaljwt kms kube-aggregator
kube-controller-manager kube-proxy kube-scheduler kubectl kubelet metrics mount-utils pod-security-admission
sample-apiserver sample-cli-plugin sample-controller"

ROOT="${VIBE_TESTENV_CACHE:-$HOME/.cache/vibe-env/testenv}"
RECIPE_HASH=$(printf '%s\n' "$K8S_VERSION" "$ETCD_VERSION" "$SEALED_SECRETS_VERSION" "$STAGING_MODULES" \
  "CGO_ENABLED=0 -trimpath" | sha256sum | cut -c1-12)
KEY="k8s-${K8S_VERSION}_etcd-${ETCD_VERSION}_ss-${SEALED_SECRETS_VERSION}_${RECIPE_HASH}"
DIR="$ROOT/$KEY"
BIN="$DIR/bin"
BINARIES="etcd kube-apiserver sealed-secrets-controller"

if [[ "${1:-}" == "--bin-dir" ]]; then echo "$BIN"; exit 0; fi

missing=""
for b in $BINARIES; do [[ -x "$BIN/$b" ]] || missing="$missing $b"; done
if [[ -z "$missing" ]]; then echo "$BIN"; exit 0; fi

if ! command -v go >/dev/null 2>&1; then
  echo "testenv: Go is not installed: install Go 1.24 or newer (go on PATH) to build${missing}" >&2
  [[ "${1:-}" == "--or-skip" ]] && exit 0
  exit 3
fi

mkdir -p "$BIN" "$DIR/src" "$ROOT/gocache" "$ROOT/gomodcache"
export GOCACHE="$ROOT/gocache" GOMODCACHE="$ROOT/gomodcache" CGO_ENABLED=0 GOFLAGS=-mod=mod GOWORK=off
LOG="$DIR/build.log"

# build <binary> <module dir> <package> [go build flags...]: into a temp name, renamed when done,
# so an interrupted build never leaves a binary that looks complete.
build() {
  local name="$1" src="$2" pkg="$3"; shift 3
  [[ -x "$BIN/$name" ]] && return 0
  echo "testenv: building $name ($pkg) ..." >&2
  local start=$SECONDS
  if ! (cd "$src" && go build -trimpath "$@" -o "$BIN/.$name.partial" "$pkg") >>"$LOG" 2>&1; then
    rm -f "$BIN/.$name.partial"
    echo "testenv: building $name failed: see $LOG" >&2
    exit 4
  fi
  mv "$BIN/.$name.partial" "$BIN/$name"
  echo "testenv: built $name in $((SECONDS - start))s" >&2
}

# module <dir> <go.mod body>: a throwaway module that requires the pinned version.
module() {
  mkdir -p "$1"
  [[ -f "$1/go.mod" ]] || printf '%s\n' "$2" >"$1/go.mod"
}

module "$DIR/src/etcd" "module vibe-env.invalid/testenv/etcd

require go.etcd.io/etcd/server/v3 $ETCD_VERSION"
build etcd "$DIR/src/etcd" go.etcd.io/etcd/server/v3

kube_mod="module vibe-env.invalid/testenv/kube

require k8s.io/kubernetes $K8S_VERSION
"
for m in $STAGING_MODULES; do kube_mod="$kube_mod
replace k8s.io/$m => k8s.io/$m $STAGING_VERSION"; done
module "$DIR/src/kube" "$kube_mod"
build kube-apiserver "$DIR/src/kube" k8s.io/kubernetes/cmd/kube-apiserver \
  -ldflags "-X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION"

# The module still declares its old path (github.com/bitnami/sealed-secrets); the repository moved.
module "$DIR/src/sealed-secrets" "module vibe-env.invalid/testenv/sealed-secrets

require github.com/bitnami/sealed-secrets $SEALED_SECRETS_VERSION

replace github.com/bitnami/sealed-secrets => github.com/bitnami-labs/sealed-secrets $SEALED_SECRETS_VERSION"
build sealed-secrets-controller "$DIR/src/sealed-secrets" github.com/bitnami/sealed-secrets/cmd/controller

echo "$BIN"
