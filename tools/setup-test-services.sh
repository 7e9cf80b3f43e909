#!/usr/bin/env bash
# Installs the external programs the test suite drives, when they are missing. Idempotent; safe on a
# fresh Debian 12 machine (CI) and on a developer's machine.
#   - FerretDB 1.x: a MongoDB-wire-compatible server (SQLite backend), built with `go install`
#     (no mongod binary can be had here; see docs/testing.md)
#   - helm v3 and docker compose v2 (`regcfg render`: the registry's own charts and compose file),
#     built from the Go module proxy into Go's bin folder; neither needs a cluster or an engine
#   - nginx (auth_request is built in), chromium (browser scenario), wrk (benchmarks), kubectl
#     (create-env-secret.sh in dry-run mode)
#   - moto (Cognito emulator) in .tools/moto-venv
#   - terraform (the Terraform renderer): checked for only; it cannot be built from the Go module proxy
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
log() { echo "setup-test-services: $*" >&2; }

command -v git >/dev/null || { log "git is required"; exit 1; }

# FerretDB. The module as published lacks build/version/version.txt, which a plain `go install`
# binary needs at start ("Invalid build/version/version.txt"), so build from a copy that has it.
FERRETDB_VERSION=v1.24.2
if command -v go >/dev/null; then
  GOBIN_DIR=$(go env GOPATH)/bin
  if ! "$GOBIN_DIR/ferretdb" --version >/dev/null 2>&1; then
    log "building FerretDB $FERRETDB_VERSION (about 2 minutes)"
    go mod download "github.com/FerretDB/FerretDB@$FERRETDB_VERSION"
    src="$(go env GOMODCACHE)/github.com/!ferret!d!b/!ferret!d!b@$FERRETDB_VERSION"
    work=$(mktemp -d)
    cp -r "$src/." "$work" && chmod -R u+w "$work"
    echo "$FERRETDB_VERSION" > "$work/build/version/version.txt"
    (cd "$work" && go build -o "$GOBIN_DIR/ferretdb" ./cmd/ferretdb)
    rm -rf "$work"
    "$GOBIN_DIR/ferretdb" --version >/dev/null
  fi

  # helm, pinned; the version string is stamped in as the release build does.
  HELM_VERSION=v3.17.4
  if ! "$GOBIN_DIR/helm" version --short 2>/dev/null | grep -qx "$HELM_VERSION"; then
    log "building helm $HELM_VERSION (about 3 minutes, 1 GB of memory)"
    GOBIN="$GOBIN_DIR" go install -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
    "$GOBIN_DIR/helm" version --short | grep -qx "$HELM_VERSION"
  fi

  # docker compose v2, pinned. `go install` refuses the module (its go.mod has exclude directives),
  # so build from a copy of the downloaded module. `docker-compose config` needs no engine.
  COMPOSE_VERSION=v2.40.3
  if ! "$GOBIN_DIR/docker-compose" version --short 2>/dev/null | grep -qx "${COMPOSE_VERSION#v}"; then
    log "building docker compose $COMPOSE_VERSION (about 3 minutes)"
    go mod download "github.com/docker/compose/v2@$COMPOSE_VERSION"
    src="$(go env GOMODCACHE)/github.com/docker/compose/v2@$COMPOSE_VERSION"
    work=$(mktemp -d)
    cp -r "$src/." "$work" && chmod -R u+w "$work"
    (cd "$work" && go build -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" -o "$GOBIN_DIR/docker-compose" ./cmd)
    rm -rf "$work"
    "$GOBIN_DIR/docker-compose" version --short | grep -qx "${COMPOSE_VERSION#v}"
  fi
else
  log "no Go toolchain: MongoDB tests need MONGODB_URI or a container runtime; render tests need helm and docker-compose (REGCFG_HELM, REGCFG_DOCKER_COMPOSE)"
fi

# terraform (test/render/terraform.test.ts runs the real binary on the registry's terraform/aws-ecs).
# It cannot be built from the Go module proxy: its go.mod replaces nested modules (the
# remote-state backends) by folders that the module's zip leaves out, and the proxy serves no version
# of them. So it is only checked for here.
if ! terraform version >/dev/null 2>&1 && ! "$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin/terraform" version >/dev/null 2>&1; then
  log "terraform not found: the terraform render tests fail with RC7001 (put terraform 1.11 on PATH or set REGCFG_TERRAFORM)"
fi

# Debian packages; keep the package scripts from starting nginx as a system service.
missing=()
command -v nginx >/dev/null || missing+=(nginx)
command -v chromium >/dev/null || missing+=(chromium)
command -v wrk >/dev/null || missing+=(wrk)
command -v kubectl >/dev/null || missing+=(kubernetes-client)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  log "installing ${missing[*]}"
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null) || log "apt-get install failed: ${missing[*]}"
  rm -f /usr/sbin/policy-rc.d
  if command -v nginx >/dev/null; then nginx -s stop 2>/dev/null || true; fi
fi

# moto (Cognito emulator) in a virtualenv inside the clone (gitignored)
if [ ! -x "$ROOT/.tools/moto-venv/bin/moto_server" ] && command -v python3 >/dev/null; then
  log "installing moto[server] into .tools/moto-venv"
  (python3 -m venv "$ROOT/.tools/moto-venv" && "$ROOT/.tools/moto-venv/bin/pip" install -q "moto[server]==5.2.5") || log "moto install failed"
fi
exit 0
