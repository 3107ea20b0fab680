#!/usr/bin/env bash
# The load test of `make bench`: gunicorn with the production settings on loopback, on the
# bench database and Redis, under a mixed logged-in load replayed by Locust (headless, bounded
# in users and time). Results join var/bench/latest.json as rows of kind "load" plus a summary.
#
# Called by scripts/bench.sh after the page measurements, with its environment (DATABASE_URL
# of the seeded bench database, DEBUG off, SECRET_KEY, ...). Environment of its own:
# LOAD_USERS (8 concurrent users), LOAD_SECONDS (60), LOAD_PORT (8001), LOAD_WORKERS (gunicorn
# processes, default WEB_CONCURRENCY or 3 as in the Dockerfile), LOAD_REDIS_URL
# (redis://127.0.0.1:6379/15), LOAD_WAIT (each user's pause between pages, up to so many
# seconds; 0: the next page as soon as one came).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
OUT=var/bench
PORT=${LOAD_PORT:-8001}
USERS=${LOAD_USERS:-8}
SECONDS_=${LOAD_SECONDS:-60}
export LOAD_WAIT=${LOAD_WAIT:-0}
# As the production image starts gunicorn (Dockerfile: WEB_CONCURRENCY=3). On the two cores
# beside Postgres and Locust, 3 workers served 62-75 req/s where 4 served 52-53 and 6 served 58.
WORKERS=${LOAD_WORKERS:-${WEB_CONCURRENCY:-3}}
export REDIS_URL=${LOAD_REDIS_URL:-redis://127.0.0.1:6379/15}
export SECURE_COOKIES=false SECURE_SSL_REDIRECT=false
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1},127.0.0.1"

log() { printf '== %s\n' "$*"; }
redis-cli -u "$REDIS_URL" ping >/dev/null || { echo "loadtest: Redis is not reachable at $REDIS_URL" >&2; exit 1; }
redis-cli -u "$REDIS_URL" flushdb >/dev/null

log "load plan (sessions of every role)"
"$PY" manage.py loadtest_plan --output "$OUT/load_plan.json"

log "gunicorn on 127.0.0.1:$PORT ($WORKERS workers)"
.venv/bin/gunicorn polrad.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --worker-tmp-dir /dev/shm --timeout 60 --log-level warning &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fsS "http://127.0.0.1:$PORT/health/" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/health/" >/dev/null

log "locust: $USERS users for ${SECONDS_} s"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
speed_before=$("$PY" scripts/machine_speed.py)  # a busy host shows here, not in the load
LOAD_PLAN="$OUT/load_plan.json" LOAD_HOST="http://127.0.0.1:$PORT" \
LOAD_COOKIE=$("$PY" -c 'import django,os;os.environ.setdefault("DJANGO_SETTINGS_MODULE","polrad.settings");django.setup();from django.conf import settings;print(settings.SESSION_COOKIE_NAME)') \
  .venv/bin/locust -f scripts/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
  -u "$USERS" -r "$USERS" -t "${SECONDS_}s" --csv "$OUT/load" --only-summary --stop-timeout 5 \
  --exit-code-on-error 0 >"$OUT/load.log" 2>&1
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
speed_after=$("$PY" scripts/machine_speed.py)

"$PY" scripts/load_results.py "$OUT/load_stats.csv" "$OUT/latest.json" \
  --users "$USERS" --seconds "$SECONDS_" --workers "$WORKERS" --wait "$LOAD_WAIT" \
  --load-before "$load_before" --load-after "$load_after" \
  --speed-before "$speed_before" --speed-after "$speed_after"
