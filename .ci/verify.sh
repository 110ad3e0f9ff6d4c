#!/usr/bin/env bash
# `yarn verify`: every check and test of the repository, in the order CI runs
# them. Static checks stop at the first failure; test suites all run and the
# script ends with one summary line of every test counted.
set -uo pipefail
cd "$(dirname "$0")/.."

: "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:=postgresql://postgres@127.0.0.1:5432}"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
export CI=true
REPORTS="${VERIFY_REPORTS:-$(mktemp -d)}"
mkdir -p "$REPORTS"
passed=0
failed=0
failures=()

step() { printf '\n=== %s [%s]\n' "$1" "$(date -u +%H:%M:%S)"; }
must() {
  local name=$1
  shift
  step "$name"
  if ! "$@"; then
    echo "verify: '$name' failed"
    echo "0 passed, 1 failed"
    exit 1
  fi
}
count_json() { # file jq-ish fields via node: prints "passed failed"
  node -e "$1" "$2" 2>/dev/null || echo "0 1"
}
suite() {
  local name=$1
  shift
  step "$name"
  if ! "$@"; then failures+=("$name"); fi
}

must "install (immutable lockfile)" yarn install --immutable
# The database tests run on PostgreSQL only when it answers; outside CI,
# TestDatabases would silently skip it, so CI checks the server first.
must "PostgreSQL for the database tests" pg_isready -q \
  -d "$BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
must "type check" yarn tsc
must "lint" yarn backstage-cli repo lint
must "prettier" yarn prettier --check .
must "production config schema" env PORTAL_BASE_URL=https://portal.example.com \
  POSTGRES_HOST=db POSTGRES_PORT=5432 POSTGRES_USER=u POSTGRES_PASSWORD=p \
  POSTGRES_DB=backstage POSTGRES_CA_CERT=ca BACKEND_EXTERNAL_TOKEN=t \
  AUTH_GITHUB_CLIENT_ID=id AUTH_GITHUB_CLIENT_SECRET=secret \
  ENVIRONMENTS_AWS_ACCOUNT_ID=123456789012 \
  ENVIRONMENTS_AWS_ROLE_ARN=arn:aws:iam::123456789012:role/deployer \
  ENVIRONMENTS_CLUSTER_ACCESS_ROLE_ARN=arn:aws:iam::123456789012:role/reader \
  yarn backstage-cli config:check --strict \
  --config app-config.yaml --config app-config.production.yaml

# Unit and integration tests (jest, PostgreSQL + SQLite), JSON results counted.
suite "unit and integration tests" yarn backstage-cli repo test \
  --json --outputFile="$REPORTS/jest.json"
read -r p f < <(count_json '
  const r = require(process.argv[1]);
  console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites);
' "$REPORTS/jest.json")
passed=$((passed + p)); failed=$((failed + f))
echo "jest: $p passed, $f failed"

suite "production build (app and backend)" yarn build:all
[ -f packages/app/dist/index.html ] || failures+=("app build output")

# node:test suites, counted from their JUnit reports.
node_suite() {
  local name=$1 report=$2
  shift 2
  suite "$name" node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=junit --test-reporter-destination="$REPORTS/$report.xml" "$@"
  read -r p f < <(count_json '
    const x = require("fs").readFileSync(process.argv[1], "utf8");
    const cases = (x.match(/<testcase /g) || []).length;
    const bad = (x.match(/<failure/g) || []).length;
    console.log(cases - bad, bad);
  ' "$REPORTS/$report.xml")
  passed=$((passed + p)); failed=$((failed + f))
}

# Boot test: the real backend with the real config must start every plugin.
node_suite "backend boot test" boot packages/backend/boot-test/boot.test.mjs
# The built bundle, started like the image starts it, twice on one PostgreSQL.
node_suite "production bundle test" production \
  packages/backend/production-test/production.test.mjs
# The GitHub Actions workflows, checked by GitHub's parser and for OIDC only.
node_suite "GitHub workflows" workflows .ci/workflows.test.mjs

# End-to-end tests in Debian's Chromium against the production build.
if [ -f playwright.config.ts ] && grep -q '"test:e2e"' package.json; then
  suite "end-to-end tests (Playwright, Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/e2e.json" \
    yarn test:e2e --reporter=list,json
  read -r p f < <(count_json '
    const r = require(process.argv[1]);
    console.log(r.stats.expected, r.stats.unexpected + (r.errors || []).length);
  ' "$REPORTS/e2e.json")
  passed=$((passed + p)); failed=$((failed + f))
fi

echo
if [ "${#failures[@]}" -gt 0 ]; then
  echo "verify: failed steps: ${failures[*]}"
  [ "$failed" -gt 0 ] || failed=${#failures[@]}
fi
echo "tests: $passed passed, $failed failed"
[ "${#failures[@]}" -eq 0 ] && [ "$failed" -eq 0 ]
