#!/usr/bin/env bash
# schemathesis (from PyPI) against the running app's OpenAPI document: starts the platform on a
# fresh data directory, logs in a department reviewer, runs every check with a fixed seed, and
# fails on any failure. Logging out is left out: it would end the session the run tests with.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=${SCHEMATHESIS_PORT:-18787}
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet 'schemathesis>=4.3,<5'
SUPTECH_DATA_DIR="$work/data" PORT=$port SUPTECH_DEMO_FEED=0 SUPTECH_INTEGRITY_SWEEP_MINUTES=0 \
  node --import tsx gateway/src/server.ts > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/api/v1/health" > /dev/null && break; sleep 1; done
password=$(node -e "const c=require('$work/data/credentials.json'); console.log(c.users.find((u) => u.username === 'nfra.reviewer').password)")
token=$(curl -sf -X POST -H 'content-type: application/json' -d "{\"username\":\"nfra.reviewer\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/api/v1/session" | node -e "let s='';process.stdin.on('data',(d)=>s+=d).on('end',()=>console.log(JSON.parse(s).token))")
"$work/venv/bin/schemathesis" --config-file .ci/schemathesis.toml run "http://127.0.0.1:$port/docs/json" \
  -H "Authorization: Bearer $token" --checks all --max-examples "${SCHEMATHESIS_EXAMPLES:-30}" --seed 14 --workers 1 \
  --phases examples,fuzzing --exclude-path /api/v1/session
