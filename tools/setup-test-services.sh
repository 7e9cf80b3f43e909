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
#   - the registry's own auth-server (conformance --oracle) in .tools/registry-auth-venv, from a registry checkout
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

# The registry's own auth-server (the conformance oracle), from a registry checkout, in
# .tools/registry-auth-venv. Its pyproject asks for Python >= 3.14; where no 3.14 is installed the
# pyenv 3.13 runs it unchanged. The pins are the checkout's auth_server/uv.lock as uv itself reads it:
# uv (the version the registry's Dockerfile.auth uses, in its own venv) exports the lock's non-dev
# packages and `uv pip sync` installs exactly those into the venv, nothing more. A stamp of the lock's
# hash and the interpreter makes a second run a no-op. Registry dir: $1, else REGCFG_REGISTRY, else
# ../shared/registry next to the repo root (what the tests use).
REGISTRY_DIR=${1:-${REGCFG_REGISTRY:-$ROOT/../shared/registry}}
REGISTRY_LOCK="$REGISTRY_DIR/auth_server/uv.lock"
REGISTRY_VENV="$ROOT/.tools/registry-auth-venv"
UV_VENV="$ROOT/.tools/uv-venv"
UV_VERSION=0.11.14
if [ -f "$REGISTRY_LOCK" ]; then
  py=${REGISTRY_PYTHON:-}
  if [ -z "$py" ]; then
    for c in "$(command -v python3.14 || true)" /root/.pyenv/versions/3.14*/bin/python3.14 /root/.pyenv/versions/3.13*/bin/python3.13 "$(command -v python3.13 || true)"; do
      if [ -n "$c" ] && [ -x "$c" ]; then py=$c; break; fi
    done
  fi
  if [ -z "$py" ]; then
    log "no Python 3.14 or 3.13: the registry's auth-server (conformance --oracle) is not installed"
  else
    stamp="$(sha256sum "$REGISTRY_LOCK" | cut -d' ' -f1) $("$py" -c 'import sys; print(sys.version.split()[0])')"
    if [ "$(cat "$REGISTRY_VENV/.regcfg-lock-stamp" 2>/dev/null)" != "$stamp" ]; then
      log "installing the registry's auth-server dependencies ($REGISTRY_LOCK) with $py"
      (
        set -e
        [ -x "$UV_VENV/bin/uv" ] && [ "$("$UV_VENV/bin/uv" --version | cut -d' ' -f2)" = "$UV_VERSION" ] || {
          rm -rf "$UV_VENV"; "$py" -m venv "$UV_VENV"; "$UV_VENV/bin/pip" install -q "uv==$UV_VERSION"; }
        rm -rf "$REGISTRY_VENV"
        "$UV_VENV/bin/uv" venv -q --python "$py" "$REGISTRY_VENV"
        pins="$REGISTRY_VENV/requirements.txt"
        (cd "$REGISTRY_DIR/auth_server" && "$UV_VENV/bin/uv" export -q --frozen --no-dev --no-hashes --no-emit-project --no-header) > "$pins"
        SSL_CERT_FILE=${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt} "$UV_VENV/bin/uv" pip sync -q --python "$REGISTRY_VENV/bin/python" "$pins"
        "$REGISTRY_VENV/bin/python" -c 'import fastapi, uvicorn, itsdangerous, jwt, motor, pydantic_settings, httpx, yaml' ||
          { echo "the pinned packages do not import in $REGISTRY_VENV" >&2; exit 1; }
        echo "$stamp" > "$REGISTRY_VENV/.regcfg-lock-stamp"
      ) || log "registry auth-server install failed"
    fi
  fi
else
  log "no registry checkout at $REGISTRY_DIR: the registry's auth-server (conformance --oracle) is not installed"
fi
exit 0
