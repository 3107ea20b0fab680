#!/usr/bin/env bash
# `make bench`: measure the registered pages and jobs (`python manage.py bench`) on Postgres at
# the national volumes of DESIGN.md, with production settings (DEBUG off).
#
# The database is created and seeded once (`seed_demo --scale`, timed; the time is kept in
# var/bench/seed.json) and reused by later runs. It is rebuilt when the seed code changes
# (any seed.py or seed_demo.py), when it was dropped or recreated, or with BENCH_RESEED=1;
# BENCH_RESEED=0 keeps a seeded database although the seed code changed (when only the way the
# same data is loaded changed).
# New migrations are applied to the reused database on every run.
#
# Environment: BENCH_DB (polrad_bench), BENCH_N (50 measured requests per page),
# BENCH_WARMUP (5), BENCH_ONLY (exact names separated by |, e.g.
# BENCH_ONLY='dashboard|home (handler)'; names may contain commas), BENCH_RESEED=1,
# BENCH_REDIS_URL (redis://127.0.0.1:6379/14: cache and sessions in Redis as in production;
# empty: the shared database cache of `make run`; tasks run in-process either way),
# BENCH_LOAD (1: run the load test of scripts/loadtest.sh at the end; its own LOAD_* settings),
# BENCH_QUARTER (1: measure each entry also on BENCH_QUARTER_DB, polrad_bench_quarter, seeded
# to a quarter of the national volumes, right before its national measure; each national row
# then shows its growth; with BENCH_QUARTER_REDIS_URL, redis://127.0.0.1:6379/13, as the
# quarter's cache; BENCH_QUARTER and BENCH_LOAD default to 0 with BENCH_ONLY),
# PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres; trust authentication).
# Results: var/bench/latest.json (and var/bench/quarter.json).
set -euo pipefail
cd "$(dirname "$0")/.."

# BENCH_ONLY's names, whole: a name may contain commas and spaces.
only_names=()
if [[ -n ${BENCH_ONLY:-} ]]; then
  IFS='|' read -ra only_names <<<"$BENCH_ONLY"
fi
if [[ ${1:-} == --print-only ]]; then  # show how BENCH_ONLY is read, and stop
  printf '%s\n' "${only_names[@]}"
  exit 0
fi

PY=.venv/bin/python
DB=${BENCH_DB:-polrad_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=var/bench
SEED_FILE=$OUT/seed.json
mkdir -p "$OUT"

log() { printf '== %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

[[ -x $PY ]] || die "no virtualenv: run \`make setup\` first (make bench does)."
for tool in pg_isready psql createdb dropdb; do
  command -v "$tool" >/dev/null || die "$tool is missing: apt-get install postgresql-client"
done

# --- Postgres ------------------------------------------------------------------------------
if ! pg_isready -q; then
  log "starting Postgres"
  command -v pg_ctlcluster >/dev/null || die "Postgres is not running at $PGHOST:$PGPORT"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
fi
pg_isready -q || die "Postgres is not reachable at $PGHOST:$PGPORT"

# Production-like settings for everything below; seeding alone runs with DEBUG on.
export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB"
export DEBUG=false
export SECRET_KEY="bench-only-secret-key-not-used-anywhere-else-0123456789abcdefghij"
export ALLOWED_HOSTS=testserver,127.0.0.1
export CONCERN_ENCRYPTION_KEYS="bench-only-concern-key-not-used-anywhere-else"
export SECURE_SSL_REDIRECT=false
# The production cache and sessions (Redis); jobs still run their tasks in-process (an empty
# broker URL), so a job's time includes the work. BENCH_REDIS_URL= (empty) measures the
# embedded default instead: the shared database cache.
export REDIS_URL="${BENCH_REDIS_URL-redis://127.0.0.1:6379/14}"
export EMAIL_URL="dummymail://"
export CELERY_BROKER_URL="" CELERY_RESULT_BACKEND=""
if [[ -n $REDIS_URL ]]; then
  redis-cli -u "$REDIS_URL" ping >/dev/null || die "Redis is not reachable at $REDIS_URL"
  redis-cli -u "$REDIS_URL" flushdb >/dev/null
fi

# --- seed once, reuse afterwards ----------------------------------------------------------
# Fingerprint of the seed code: when it changes the volumes change, so seed afresh.
fingerprint=$(
  find . \( -path ./.venv -o -path ./var -o -path ./.git \) -prune -o -type f \
    \( -name seed.py -o -name seed_demo.py -o -path '*/seed/*.py' \) -print \
    | LC_ALL=C sort | xargs -r sha256sum | sha256sum | cut -c1-16
)

# prepare DB SEED_FILE FRACTION: the database seeded to FRACTION of the national volumes,
# built afresh or reused as the header says, migrated and analysed; DATABASE_URL points at it.
prepare() {
  local db=$1 seed_file=$2 fraction=$3 oid reason=""
  export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$db"
  recorded() {  # recorded KEY: the value in the seeding record, or nothing
    [[ -f $seed_file ]] || return 0
    "$PY" -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' \
      "$seed_file" "$1" 2>/dev/null || true
  }
  # The database's oid changes when it is dropped and created again, by us or anyone else.
  oid=$(psql -d postgres -Atqc "SELECT oid FROM pg_database WHERE datname = '$db'")
  if [[ ${BENCH_RESEED:-0} == 1 ]]; then reason="BENCH_RESEED=1"
  elif [[ -z $oid ]]; then reason="database $db does not exist"
  elif [[ ! -f $seed_file ]]; then reason="no seeding record ($seed_file)"
  elif [[ $(recorded database) != "$db" || $(recorded database_oid) != "$oid" ]]; then
    reason="database $db is not the one seeded"
  elif [[ $(recorded fingerprint) != "$fingerprint" ]]; then
    if [[ ${BENCH_RESEED:-} == 0 ]]; then
      log "the seed code changed since $db was seeded; reusing it anyway (BENCH_RESEED=0)"
    else
      reason="the seed code changed"
    fi
  fi

  if [[ -n $reason ]]; then
    log "building database $db ($reason)"
    rm -f "$seed_file"
    dropdb --if-exists --force "$db"
    createdb "$db"
    "$PY" manage.py migrate --noinput -v0
    log "seeding: seed_demo --scale --fraction $fraction"
    # Time and peak memory of the seeding process; recorded only when it succeeds.
    DEBUG=true "$PY" - "$seed_file" "$db" \
      "$(psql -d postgres -Atqc "SELECT oid FROM pg_database WHERE datname = '$db'")" \
      "$fingerprint" "$fraction" <<'EOF'
import json, resource, subprocess, sys, time
from datetime import datetime, timezone

path, database, oid, fingerprint, fraction = sys.argv[1:6]
command = ["seed_demo", "--scale"] + ([] if float(fraction) == 1 else ["--fraction", fraction])
started = time.perf_counter()
subprocess.run([sys.executable, "manage.py", *command], check=True)
seconds = time.perf_counter() - started
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
record = {
    "name": " ".join(command),
    "seconds": round(seconds, 2),
    "peak_mb": round(peak_mb, 1),
    "database": database,
    "database_oid": oid,
    "fingerprint": fingerprint,
    "fraction": float(fraction),
    "seeded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
}
with open(path, "w", encoding="utf-8") as file:
    json.dump(record, file, indent=2)
print(f"seeded in {seconds:.1f} s (peak memory {peak_mb:.0f} MB)")
EOF
  else
    log "reusing database $db (seeded in $(recorded seconds) s on $(recorded seeded_at))"
    "$PY" manage.py migrate --noinput -v0
  fi

  # Fresh planner statistics, as autovacuum would have them on a live database: right after a
  # bulk seed the planner guesses row counts of 1 and picks nested loops over 100,000s of rows.
  log "analyze $db"
  psql -d "$db" -qc "VACUUM ANALYZE"
  # Write out what the seed and the vacuum left dirty now, not during the measures: after a
  # fresh seed the checkpointer was still writing gigabytes while the first pages were timed.
  psql -d "$db" -qc "CHECKPOINT" || log "CHECKPOINT refused (not a superuser); measuring anyway"
}

# DEBUG off serves static files through the manifest storage: collect them.
log "collectstatic"
"$PY" manage.py collectstatic --noinput -v0 \
  || die "collectstatic failed with production settings (see the error above)"

# --- measure ------------------------------------------------------------------------------
args=(--n "${BENCH_N:-50}" --warmup "${BENCH_WARMUP:-5}")
for name in "${only_names[@]}"; do args+=(--only "$name"); done

# The same measures on a database with a quarter of the national volumes, so that each
# national row shows how many times slower it is at national scale (the target: at most 1.5×).
# Each entry is measured there right before it is measured at national scale (`bench
# --quarter-database`), in a process of its own with its own Redis database: the two figures
# of a row share the host's conditions of that minute.
# BENCH_QUARTER=0 skips it; it is skipped by default with BENCH_ONLY.
national_args=()
if [[ ${BENCH_QUARTER:-$([[ -n ${BENCH_ONLY:-} ]] && echo 0 || echo 1)} == 1 ]]; then
  quarter_db=${BENCH_QUARTER_DB:-${DB}_quarter}
  prepare "$quarter_db" "$OUT/seed-quarter.json" 0.25
  quarter_redis=""
  if [[ -n $REDIS_URL ]]; then
    quarter_redis=${BENCH_QUARTER_REDIS_URL:-redis://127.0.0.1:6379/13}
    [[ $quarter_redis != "$REDIS_URL" ]] || die "the quarter scale needs a Redis database of its own"
    redis-cli -u "$quarter_redis" flushdb >/dev/null
  fi
  national_args=(
    --quarter-database "postgres://$PGUSER@$PGHOST:$PGPORT/$quarter_db"
    --quarter-redis "$quarter_redis"
    --quarter-output "$OUT/quarter.json"
    --quarter-seed-file "$OUT/seed-quarter.json"
  )
fi

prepare "$DB" "$SEED_FILE" 1
[[ -z $REDIS_URL ]] || redis-cli -u "$REDIS_URL" flushdb >/dev/null
log "measuring at national scale${national_args:+ (each entry at quarter scale first)}"
"$PY" manage.py bench "${args[@]}" "${national_args[@]}" --output "$OUT/latest.json" \
  --seed-file "$SEED_FILE"

# --- load test ----------------------------------------------------------------------------
# A mixed logged-in load against gunicorn with these production settings, Postgres and Redis
# (scripts/loadtest.sh). BENCH_LOAD=0 skips it; it is skipped by default with BENCH_ONLY.
if [[ ${BENCH_LOAD:-$([[ -n ${BENCH_ONLY:-} ]] && echo 0 || echo 1)} == 1 ]]; then
  bash scripts/loadtest.sh
fi

