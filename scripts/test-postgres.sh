#!/usr/bin/env bash
# The suite a second time, on PostgreSQL (issue 14), when this machine has Debian's PostgreSQL server: each test file's
# apps get databases of their own in a throw-away cluster (server/test-support/postgres.ts). The browser tests run
# against the web app `npm run build` made, their servers on PostgreSQL too; the web's unit tests touch no database.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PG_BIN_DIR:-}" ] && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  echo 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): the PostgreSQL pass is skipped'
  exit 0
fi
TEST_DATABASE=postgres exec npx vitest run server/ contract/ web/e2e/
