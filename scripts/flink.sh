#!/usr/bin/env bash
# Apache Flink 1.20 session cluster (JobManager + 1 TaskManager) and its SQL Gateway, 127.0.0.1 only.
# Distribution: PyPI apache-flink + apache-flink-libraries (installed --no-deps into a venv under the
# cache dir), plus the SQL Gateway and connector/format jars from Maven Central
# (scripts/infra/flink/artifacts.txt).
set -euo pipefail
hw_name=flink
# shellcheck source=lib/lifecycle.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/lifecycle.sh"

FLINK_VERSION="${HEADWATER_FLINK_VERSION:-1.20.3}"
REST_PORT="${HEADWATER_FLINK_REST_PORT:-18081}"
RPC_PORT="${HEADWATER_FLINK_RPC_PORT:-16123}"
GATEWAY_PORT="${HEADWATER_FLINK_GATEWAY_PORT:-18083}"
SLOTS="${HEADWATER_FLINK_SLOTS:-4}"
JM_MEMORY="${HEADWATER_FLINK_JM_MEMORY:-1024m}"
TM_MEMORY="${HEADWATER_FLINK_TM_MEMORY:-1536m}"
GATEWAY_HEAP="${HEADWATER_FLINK_GATEWAY_HEAP:-512m}"
CHECKPOINT_INTERVAL="${HEADWATER_FLINK_CHECKPOINT_INTERVAL:-5s}"

FLINK_BASE="$HW_CACHE/flink/$FLINK_VERSION"
VENV="$FLINK_BASE/venv"
FLINK_HOME_DIR="$FLINK_BASE/home"
STATE_DIR="$HW_CACHE/flink/cluster-$REST_PORT"
CONF_DIR="$STATE_DIR/conf"
FLINK_LOGS="$HW_LOG_DIR/flink-$REST_PORT"
ARTIFACTS="$HW_INFRA_DIR/flink/artifacts.txt"
JM="flink-jm-$REST_PORT"
TM="flink-tm-$REST_PORT"
GW="flink-gateway-$REST_PORT"
REST_URL="http://$HW_HOST:$REST_PORT"
GATEWAY_URL="http://$HW_HOST:$GATEWAY_PORT"

usage() {
  cat <<EOF
Usage: scripts/flink.sh <command>

Apache Flink $FLINK_VERSION session cluster (JobManager + 1 TaskManager with $SLOTS slots) and the SQL
Gateway REST endpoint, all bound to $HW_HOST. Distribution from PyPI (apache-flink,
apache-flink-libraries; venv under the cache dir), extra jars from Maven Central (see
scripts/infra/flink/artifacts.txt: SQL Gateway, Kafka connector 3.4.0-1.20, avro/avro-confluent).

Commands:
  start      provision (first run: ~235 MB from PyPI + ~25 MB from Maven Central) and start the
             JobManager, the TaskManager and the SQL Gateway; a no-op for parts already running;
             returns once the TaskManager registered and the gateway answers /v1/info
  stop       stop gateway, TaskManager and JobManager (running jobs are cancelled with the cluster)
  restart    stop + start
  status     exit 0 when all three run (prints pids, URLs, memory), 1 otherwise
  env        print shell exports: HEADWATER_FLINK_REST_URL, HEADWATER_FLINK_GATEWAY_URL, FLINK_HOME, ...
  provision  only download/install
  flink ARGS run the 'flink' CLI against this cluster (e.g. flink list)

Environment:
  HEADWATER_CACHE                cache root (now $HW_CACHE)
  HEADWATER_FLINK_REST_PORT      JobManager REST/web UI (default 18081)
  HEADWATER_FLINK_RPC_PORT       JobManager RPC (default 16123)
  HEADWATER_FLINK_GATEWAY_PORT   SQL Gateway REST (default 18083)
  HEADWATER_FLINK_SLOTS          TaskManager slots (default 4)
  HEADWATER_FLINK_JM_MEMORY / HEADWATER_FLINK_TM_MEMORY   process sizes (default 1024m / 1536m)
  HEADWATER_FLINK_GATEWAY_HEAP   gateway heap (default 512m)
  HEADWATER_FLINK_CHECKPOINT_INTERVAL  default checkpoint interval (default 5s)
  HEADWATER_PYTHON               python 3.8–3.11 used to create the venv (default python3.11/python3)

Exit codes: 0 ok, 1 not running, 2 usage, 3 missing java/mvn/python, 4 download failed,
            5 start failed/timed out, 6 port taken by another process.
Logs: $HW_LOG_DIR/$JM.log, $TM.log, $GW.log (+ Flink's own files in $FLINK_LOGS)
EOF
}

find_python() {
  local c v
  for c in ${HEADWATER_PYTHON:-} python3.11 python3.10 python3.9 python3.8 python3; do
    command -v "$c" >/dev/null 2>&1 || continue
    v=$("$c" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || continue
    case $v in
    3.8 | 3.9 | 3.10 | 3.11)
      echo "$c"
      return 0
      ;;
    esac
  done
  hw_die $HW_EXIT_PREREQ "no python 3.8–3.11 found (apache-flink $FLINK_VERSION publishes wheels for cp38–cp311); set HEADWATER_PYTHON"
}

provisioned() { [[ -f $FLINK_BASE/.complete ]]; }

pyflink_dir() { echo "$VENV"/lib/python3*/site-packages/pyflink; }

provision() {
  provisioned && return 0
  hw_lock flink-provision
  provisioned && return 0
  hw_require_java
  hw_require_mvn
  local py t0 t1 pyflink line dir coords n=0
  py=$(find_python)
  t0=$(hw_now_ms)
  hw_info "provisioning Flink $FLINK_VERSION: PyPI apache-flink + apache-flink-libraries (--no-deps) into $VENV ..."
  rm -rf "$VENV" "$FLINK_HOME_DIR"
  mkdir -p "$FLINK_BASE"
  "$py" -m venv "$VENV" || hw_die $HW_EXIT_PREREQ "'$py -m venv' failed (Debian: apt-get install python3-venv)"
  if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps \
    "apache-flink==$FLINK_VERSION" "apache-flink-libraries==$FLINK_VERSION" >"$HW_LOG_DIR/flink-pip.log" 2>&1; then
    tail -n 20 "$HW_LOG_DIR/flink-pip.log" >&2
    hw_die $HW_EXIT_PROVISION "pip could not install apache-flink $FLINK_VERSION (log: $HW_LOG_DIR/flink-pip.log)"
  fi
  pyflink=$(pyflink_dir)
  [[ -x $pyflink/bin/jobmanager.sh && -f $pyflink/lib/flink-dist-$FLINK_VERSION.jar ]] ||
    hw_die $HW_EXIT_PROVISION "the installed pyflink package lacks bin/ or lib/flink-dist ($pyflink)"
  hw_info "  pip done in $(hw_elapsed "$t0") ($(hw_du "$VENV"))"

  # Our own FLINK_HOME: bin/ copied (config.sh derives FLINK_HOME from its real location), jars linked,
  # so site-packages stays pristine and the Maven jars live beside, not inside, the pip package.
  mkdir -p "$FLINK_HOME_DIR"/{lib,opt,log}
  cp -r "$pyflink/bin" "$FLINK_HOME_DIR/bin"
  cp -r "$pyflink/conf" "$FLINK_HOME_DIR/conf"
  ln -s "$pyflink/plugins" "$FLINK_HOME_DIR/plugins"
  for f in "$pyflink"/lib/*.jar; do ln -s "$f" "$FLINK_HOME_DIR/lib/"; done
  for f in "$pyflink"/opt/*.jar; do ln -s "$f" "$FLINK_HOME_DIR/opt/"; done

  t1=$(hw_now_ms)
  while read -r dir coords; do
    [[ -z $dir || $dir == \#* ]] && continue
    coords=${coords//\$\{FLINK_VERSION\}/$FLINK_VERSION}
    hw_mvn_artifact "$coords" "$FLINK_HOME_DIR/$dir"
    n=$((n + 1))
  done <"$ARTIFACTS"
  ls "$FLINK_HOME_DIR"/opt/flink-sql-gateway-*.jar >/dev/null 2>&1 ||
    hw_die $HW_EXIT_PROVISION "flink-sql-gateway jar missing after download"
  hw_info "  $n Maven Central jars in $(hw_elapsed "$t1")"
  touch "$FLINK_BASE/.complete"
  hw_info "provisioned Flink $FLINK_VERSION in $(hw_elapsed "$t0") ($(du -shL "$FLINK_HOME_DIR" | cut -f1) in FLINK_HOME)"
}

write_config() {
  mkdir -p "$CONF_DIR" "$FLINK_LOGS" "$STATE_DIR/tmp" "$STATE_DIR/checkpoints" "$STATE_DIR/savepoints" "$STATE_DIR/pids"
  local f java_opts
  for f in "$FLINK_HOME_DIR"/conf/log4j*.properties "$FLINK_HOME_DIR"/conf/logback*.xml; do cp -f "$f" "$CONF_DIR/"; done
  # The Java 17 module flags shipped in the distribution's config.yaml (required on Java 17).
  java_opts=$(sed -n 's/^ *all: *\(--add-.*\)$/\1/p' "$FLINK_HOME_DIR/conf/config.yaml" | head -n1)
  [[ -n $java_opts ]] || hw_die $HW_EXIT_PROVISION "cannot read env.java.opts.all from the shipped config.yaml"
  cat >"$CONF_DIR/config.yaml" <<EOF
# generated by scripts/flink.sh — loopback-only session cluster for tests and local deploys
env:
  java:
    opts:
      all: $java_opts
      sql-gateway: -Xms128m -Xmx$GATEWAY_HEAP
jobmanager:
  bind-host: $HW_HOST
  rpc:
    address: $HW_HOST
    port: $RPC_PORT
  memory:
    process:
      size: $JM_MEMORY
  execution:
    failover-strategy: region
taskmanager:
  bind-host: $HW_HOST
  host: $HW_HOST
  numberOfTaskSlots: $SLOTS
  memory:
    process:
      size: $TM_MEMORY
    managed:
      fraction: 0.25
parallelism:
  default: 1
rest:
  address: $HW_HOST
  bind-address: $HW_HOST
  port: $REST_PORT
blob:
  server:
    port: "0"
execution:
  target: remote
  checkpointing:
    interval: $CHECKPOINT_INTERVAL
state:
  backend:
    type: hashmap
  checkpoints:
    dir: file://$STATE_DIR/checkpoints
  savepoints:
    dir: file://$STATE_DIR/savepoints
io:
  tmp:
    dirs: $STATE_DIR/tmp
web:
  tmpdir: $STATE_DIR/tmp
  submit:
    enable: false
  cancel:
    enable: true
restart-strategy:
  type: fixed-delay
  fixed-delay:
    attempts: 2
    delay: 1s
sql-gateway:
  endpoint:
    rest:
      address: $HW_HOST
      bind-address: $HW_HOST
      port: $GATEWAY_PORT
EOF
}

# Prefix to run a bin/ script of our FLINK_HOME with our config, logs and pid dir.
FLINK_ENV=(env FLINK_HOME="$FLINK_HOME_DIR" FLINK_CONF_DIR="$CONF_DIR" FLINK_LOG_DIR="$FLINK_LOGS"
  FLINK_PID_DIR="$STATE_DIR/pids" HOSTNAME=localhost)

jm_ready() { curl -sf --max-time 2 "$REST_URL/config" >/dev/null; }
tm_ready() { curl -sf --max-time 2 "$REST_URL/overview" | grep -Eq '"taskmanagers":[1-9]'; }
gw_ready() { curl -sf --max-time 2 "$GATEWAY_URL/v1/info" >/dev/null; }

# Stops the gateway, then the TaskManager, then the JobManager, and forgets Flink's own pid files.
stop_all() {
  hw_stop_components 30 "$GW" "$TM" "$JM"
  rm -f "$STATE_DIR"/pids/*.pid 2>/dev/null || true
}

start() {
  hw_require_java
  command -v curl >/dev/null 2>&1 || hw_die $HW_EXIT_PREREQ "curl not found (used for readiness checks)"
  provision
  hw_lock "flink-$REST_PORT"
  if hw_all_running "$JM" "$TM" "$GW" && gw_ready; then
    hw_info "already running (rest $REST_URL, gateway $GATEWAY_URL)"
    return 0
  fi
  hw_running "$JM" || {
    hw_check_port "$REST_PORT" "Flink REST"
    hw_check_port "$RPC_PORT" "Flink JobManager RPC"
  }
  hw_running "$GW" || hw_check_port "$GATEWAY_PORT" "Flink SQL Gateway"
  write_config
  local t0 timeout=${HEADWATER_FLINK_START_TIMEOUT:-120}
  t0=$(hw_now_ms)
  if ! hw_start_component "$JM" "JobManager ($REST_URL)" jm_ready "$timeout" \
    "${FLINK_ENV[@]}" "$FLINK_HOME_DIR/bin/jobmanager.sh" start-foreground ||
    ! hw_start_component "$TM" "TaskManager ($SLOTS slots)" tm_ready "$timeout" \
      "${FLINK_ENV[@]}" "$FLINK_HOME_DIR/bin/taskmanager.sh" start-foreground ||
    ! hw_start_component "$GW" "SQL Gateway ($GATEWAY_URL)" gw_ready "$timeout" \
      "${FLINK_ENV[@]}" "$FLINK_HOME_DIR/bin/sql-gateway.sh" start-foreground; then
    stop_all
    exit $HW_EXIT_START
  fi
  hw_info "started Flink $FLINK_VERSION (rest $REST_URL, gateway $GATEWAY_URL) in $(hw_elapsed "$t0")"
}

stop() {
  hw_lock "flink-$REST_PORT"
  stop_all
}

status() { hw_status flink "rest=$REST_URL gateway=$GATEWAY_URL version=$FLINK_VERSION" "$JM" "$TM" "$GW"; }

print_env() {
  cat <<EOF
export HEADWATER_FLINK_REST_URL=$REST_URL
export HEADWATER_FLINK_GATEWAY_URL=$GATEWAY_URL
export HEADWATER_FLINK_VERSION=$FLINK_VERSION
export HEADWATER_FLINK_HOME=$FLINK_HOME_DIR
export HEADWATER_FLINK_CONF_DIR=$CONF_DIR
export HEADWATER_FLINK_LOG_DIR=$FLINK_LOGS
EOF
}

extra_command() {
  local cmd=$1
  shift
  case $cmd in
  flink)
    hw_require_java
    provision
    [[ -f $CONF_DIR/config.yaml ]] || write_config
    "${FLINK_ENV[@]}" "$FLINK_HOME_DIR/bin/flink" "$@"
    ;;
  *) return 127 ;;
  esac
}

hw_main "$@"
