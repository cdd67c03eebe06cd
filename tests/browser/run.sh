#!/usr/bin/env bash
# End-to-end browser test of petrel's web explorer.
#
# Installs what it needs (Debian `chromium` if missing, playwright-core from npm), builds
# petrel, codes the shipped sample articles into a temporary database (plus petrel's small
# hand-coded demonstration corpus, so there are known events to click), starts
# `petrel serve` on 127.0.0.1 with a free port, drives the explorer in headless Chromium and
# stops the server. Screenshots land in tests/browser/artifacts/.
#
# Environment: CHROMIUM (browser binary, default /usr/bin/chromium), CARGO_TARGET_DIR.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "run.sh: installing chromium (Debian package)" >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
  else
    sudo apt-get install -y chromium >/dev/null
  fi
fi
command -v node >/dev/null || { echo "run.sh: node is required (apt-get install nodejs npm)" >&2; exit 1; }

if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  (cd "$here" && { npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null; })
fi

cargo build -q -p petrel-cli
petrel="${CARGO_TARGET_DIR:-$root/target}/debug/petrel"

tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

db="$tmp/events.sqlite"
if "$petrel" code --help 2>/dev/null | grep -q -- '--db'; then
  "$petrel" code --quiet samples/articles.jsonl --db "$db" >/dev/null
else
  echo "run.sh: this petrel has no \`code --db\`; using the demonstration corpus only" >&2
fi

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
"$petrel" serve --db "$db" --addr "127.0.0.1:$port" --load-sample >"$tmp/serve.log" 2>&1 &
server=$!

url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if node -e "fetch('$url/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "run.sh: petrel serve exited:" >&2
    cat "$tmp/serve.log" >&2
    exit 1
  fi
  sleep 0.2
done

rm -rf "$here/artifacts"
CHROMIUM="$chromium" node "$here/explorer.test.mjs" "$url"
status=$?

# Graceful shutdown: SIGTERM must stop the server cleanly.
kill -TERM "$server"
wait "$server" && echo "run.sh: server stopped cleanly" || { echo "run.sh: server exit status $?" >&2; status=1; }
server=""
exit "$status"
