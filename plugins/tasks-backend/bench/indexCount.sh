#!/usr/bin/env bash
# What the person and entity indexes cost a list page: pgbench runs the
# bench's worst combination before 4 Dec (two statuses of one creator, by
# due date; one creator drawn at random per query) at 16 clients, as the
# store reads it now (a range of the creator's rows of `task_refs` per
# status, then the tasks by primary key; prepared, as the store prepares
# it), with the indexes of `tasks` as they are. Then it builds the 27
# (filter, [status,] sort column, id) indexes that `task_refs` replaced
# (migration 20261204100000_task_refs) back on `tasks` and runs that query
# again, and the query as the store read it before (a union of ranges of
# `tasks_created_by_status_due_date_idx`, planned per call). It prints the
# transactions per second of each, and drops the rebuilt indexes at the
# end (also on failure).
#
# Runs on the bench's database, seeded by `bench` first (any size):
#   yarn workspace @taskplatform/plugin-tasks-backend bench 100000 5
#   bash plugins/tasks-backend/bench/indexCount.sh [seconds=8]
set -euo pipefail
SECONDS_EACH="${1:-8}"
DB="${BENCH_PG_DATABASE:-tasks_bench_tasks}"
PG=(-h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}")
sql() { psql "${PG[@]}" -d "$DB" -v ON_ERROR_STOP=1 -Atqc "$1"; }

# the creator's ref: pgbench -M prepared takes every `:name` for a variable,
# also inside a string literal, hence chr(58) for the colon
CREATOR="'user' || chr(58) || 'default/user' || CAST(:u AS int)"
COLS="id, title, description, status, priority, assignee, created_by, entity_ref, labels, due_date, created_at, updated_at, completed_at, version"
REFS="SELECT task_id, due_date FROM task_refs WHERE field = 'created_by' AND ref = $CREATOR AND status = '%s' AND due_date IS NOT NULL ORDER BY due_date, task_id LIMIT 51"
TASKS="SELECT $COLS FROM tasks WHERE status = '%s' AND created_by = $CREATOR AND due_date IS NOT NULL ORDER BY status, due_date, id LIMIT 51"
NOW="$(mktemp)"
BEFORE="$(mktemp)"
DROP="$(mktemp)"
{
  echo '\set u random(0, 49)'
  printf "SELECT %s FROM (SELECT * FROM ((%s) UNION ALL (%s)) b ORDER BY due_date, task_id LIMIT 51) page JOIN tasks ON tasks.id = page.task_id ORDER BY page.due_date, page.task_id;\n" \
    "$(echo "$COLS" | sed 's/\([a-z_][a-z_]*\)/tasks.\1/g')" "$(printf "$REFS" todo)" "$(printf "$REFS" blocked)"
} >"$NOW"
{
  echo '\set u random(0, 49)'
  printf "SELECT * FROM ((%s) UNION ALL (%s)) b ORDER BY due_date, id LIMIT 51;\n" \
    "$(printf "$TASKS" todo)" "$(printf "$TASKS" blocked)"
} >"$BEFORE"
: >"$DROP"
cleanup() {
  psql "${PG[@]}" -d "$DB" -v ON_ERROR_STOP=1 -q -f "$DROP"
  rm -f "$NOW" "$BEFORE" "$DROP"
}
trap cleanup EXIT

run() { # label, script, pgbench query mode
  local count
  count="$(sql "SELECT count(*) FROM pg_indexes WHERE tablename = 'tasks'")"
  for round in 1 2; do
    printf '%2d indexes on tasks, %s, run %d: ' "$count" "$1" "$round"
    out="$(pgbench "${PG[@]}" -n -M "$3" -f "$2" -c 16 -j 2 -T "$SECONDS_EACH" "$DB" 2>&1)" ||
      { echo "$out" >&2; exit 1; }
    echo "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1 tps/p'
  done
}

echo "pgbench, 16 clients, ${SECONDS_EACH} s each, $(sql 'SELECT count(*) FROM tasks') tasks"
run "task_refs, prepared" "$NOW" prepared
for filter in assignee created_by entity_ref; do
  for sort in created_at updated_at due_date priority title; do
    names=("tasks_${filter}_status_${sort}_idx:${filter}, status, ${sort}, id")
    if [ "$sort" != created_at ]; then
      names+=("tasks_${filter}_${sort}_idx:${filter}, ${sort}, id")
    fi
    for entry in "${names[@]}"; do
      name="${entry%%:*}"
      echo "DROP INDEX IF EXISTS $name;" >>"$DROP"
      sql "SET maintenance_work_mem = '256MB'; CREATE INDEX IF NOT EXISTS $name ON tasks (${entry#*:})"
    done
  done
done
run "task_refs, prepared" "$NOW" prepared
run "tasks (before 4 Dec), planned per call" "$BEFORE" simple
