#!/usr/bin/env bash
# What the number of indexes on `tasks` costs a list page: pgbench runs the
# SQL of the bench's worst combination (two statuses of one creator, by due
# date; one creator drawn at random per query) at 16 clients with the indexes
# of `tasks` as they are, then without the person and entity indexes that
# query does not use, then also without the status and unassigned ones, and
# prints the transactions per second of each. Every dropped index is built
# again at the end (also on failure).
#
# Runs on the bench's database, seeded by `bench` first (any size):
#   yarn workspace @taskplatform/plugin-tasks-backend bench 100000 5
#   bash plugins/tasks-backend/bench/indexCount.sh [seconds=8]
set -euo pipefail
SECONDS_EACH="${1:-8}"
DB="${BENCH_PG_DATABASE:-tasks_bench_tasks}"
PG=(-h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}")
sql() { psql "${PG[@]}" -d "$DB" -v ON_ERROR_STOP=1 -Atqc "$1"; }

COLS="id, title, description, status, priority, assignee, created_by, entity_ref, labels, due_date, created_at, updated_at, completed_at, version"
BRANCH="SELECT $COLS FROM tasks WHERE status = '%s' AND created_by = 'user:default/user' || :u AND due_date IS NOT NULL ORDER BY status, due_date, id LIMIT 51"
SCRIPT="$(mktemp)"
RESTORE="$(mktemp)"
{
  echo '\set u random(0, 49)'
  printf "SELECT * FROM ((%s) UNION ALL (%s)) b ORDER BY due_date, id LIMIT 51;\n" \
    "$(printf "$BRANCH" todo)" "$(printf "$BRANCH" blocked)"
} >"$SCRIPT"
: >"$RESTORE"
restore() {
  psql "${PG[@]}" -d "$DB" -v ON_ERROR_STOP=1 -q -f "$RESTORE"
  rm -f "$SCRIPT" "$RESTORE"
}
trap restore EXIT

run() {
  local count
  count="$(sql "SELECT count(*) FROM pg_indexes WHERE tablename = 'tasks'")"
  for round in 1 2; do
    printf '%2d indexes on tasks, run %d: ' "$count" "$round"
    pgbench "${PG[@]}" -n -f "$SCRIPT" -c 16 -j 2 -T "$SECONDS_EACH" "$DB" 2>&1 |
      sed -n 's/^tps = \([0-9.]*\).*/\1 tps/p'
  done
}
drop() { # indexes of `tasks` whose name matches $1, but not the one the query uses
  local where="tablename = 'tasks' AND indexname ~ '$1' AND indexname <> 'tasks_created_by_status_due_date_idx'"
  sql "SELECT indexdef || ';' FROM pg_indexes WHERE $where" >>"$RESTORE"
  sql "SELECT 'DROP INDEX ' || indexname || ';' FROM pg_indexes WHERE $where" |
    psql "${PG[@]}" -d "$DB" -v ON_ERROR_STOP=1 -q
}

echo "pgbench, 16 clients, ${SECONDS_EACH} s each, $(sql 'SELECT count(*) FROM tasks') tasks"
run
drop '^tasks_(assignee|created_by|entity_ref)_'
run
drop '^tasks_(status_(updated_at|due_date|priority|title)|unassigned_)'
run
