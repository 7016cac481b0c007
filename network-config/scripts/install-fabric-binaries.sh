#!/usr/bin/env bash
# Installs the pinned Hyperledger Fabric commands (peer, orderer, configtxgen, cryptogen,
# osnadmin) into a cache outside the repository, with Go and the Go module proxy only.
#
# Fabric's release tags (v3.x) are not valid Go module versions: the module path
# github.com/hyperledger/fabric has no /v3 suffix. So we pin the commit of the release tag
# through its pseudo-version, which is what `go install` accepts.
#
# Output: $FABRIC_BIN_DIR (default $HOME/.cache/suptech/fabric/<release>/bin) holds the
# commands, and its sibling config/ holds Fabric's own core.yaml and orderer.yaml taken from
# the same module (our scripts override every setting that matters through environment
# variables, but the peer and orderer need a complete base file to start from).
#
# Exit codes: 0 installed or already present; 3 the module could not be had from the
# proxy (the message says so); anything else a build failure.
set -euo pipefail

FABRIC_RELEASE="${FABRIC_RELEASE:-v3.1.5}"
# Commit of tag v3.1.5 (86c1172bec37e6590c6b1ae6f847833df48d65fc, 2026-06-18 07:48:16 UTC).
# The newest semver-valid tag among its ancestors is v1.4.0-rc1, hence this base.
FABRIC_MODULE_VERSION="${FABRIC_MODULE_VERSION:-v1.4.0-rc1.0.20260618074816-86c1172bec37}"
FABRIC_BIN_DIR="${FABRIC_BIN_DIR:-$HOME/.cache/suptech/fabric/$FABRIC_RELEASE/bin}"
FABRIC_CFG_DIR="${FABRIC_CFG_DIR:-$(dirname "$FABRIC_BIN_DIR")/config}"
COMMANDS=(peer orderer configtxgen cryptogen osnadmin)

started=$(date +%s)
mkdir -p "$FABRIC_BIN_DIR" "$FABRIC_CFG_DIR"

missing=()
for cmd in "${COMMANDS[@]}"; do
  [[ -x "$FABRIC_BIN_DIR/$cmd" ]] || missing+=("github.com/hyperledger/fabric/cmd/$cmd@$FABRIC_MODULE_VERSION")
done
needs_config=false
for file in core.yaml orderer.yaml; do
  [[ -f "$FABRIC_CFG_DIR/$file" ]] || needs_config=true
done

if (( ${#missing[@]} == 0 )) && ! $needs_config; then
  echo "fabric $FABRIC_RELEASE: all commands present in $FABRIC_BIN_DIR (0 s)"
  exit 0
fi

if (( ${#missing[@]} > 0 )); then
  echo "fabric $FABRIC_RELEASE: building ${#missing[@]} command(s) into $FABRIC_BIN_DIR (several minutes on 2 cores)"
  log=$(mktemp)
  # -trimpath keeps the build machine's paths out of the binaries.
  # The version stamp Fabric's own release build sets, so `peer version` names the release.
  ldflags="-X github.com/hyperledger/fabric/common/metadata.Version=${FABRIC_RELEASE#v}"
  ldflags+=" -X github.com/hyperledger/fabric/common/metadata.CommitSHA=${FABRIC_MODULE_VERSION##*-}"
  if ! GOBIN="$FABRIC_BIN_DIR" go install -trimpath -ldflags "$ldflags" "${missing[@]}" 2>&1 | tee "$log"; then
    if grep -qE '403 Forbidden|not available|unable to access' "$log"; then
      echo "fabric $FABRIC_RELEASE: the Go module proxy refused github.com/hyperledger/fabric@$FABRIC_MODULE_VERSION;" >&2
      echo "  put prebuilt Fabric $FABRIC_RELEASE commands into FABRIC_BIN_DIR ($FABRIC_BIN_DIR)" >&2
      echo "  and Fabric's sampleconfig core.yaml + orderer.yaml into FABRIC_CFG_DIR ($FABRIC_CFG_DIR)." >&2
      rm -f "$log"
      exit 3
    fi
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
fi

if $needs_config; then
  # The module is in the module cache now (go install put it there); its sampleconfig is
  # the base configuration matching these binaries exactly.
  module_dir="$(go env GOMODCACHE)/github.com/hyperledger/fabric@$FABRIC_MODULE_VERSION"
  if [[ ! -d "$module_dir/sampleconfig" ]]; then
    GOFLAGS=-mod=mod go mod download "github.com/hyperledger/fabric@$FABRIC_MODULE_VERSION" >/dev/null
  fi
  install -m 0644 "$module_dir/sampleconfig/core.yaml" "$module_dir/sampleconfig/orderer.yaml" "$FABRIC_CFG_DIR/"
fi

echo "fabric $FABRIC_RELEASE: installed into $FABRIC_BIN_DIR in $(( $(date +%s) - started )) s"
