#!/usr/bin/env bash
# Apicurio Registry with its Confluent-compatible API (ccompat v7), in-memory storage, 127.0.0.1 only.
set -euo pipefail
hw_name=schema-registry
# shellcheck source=lib/lifecycle.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/lifecycle.sh"

REG_PORT="${HEADWATER_REGISTRY_PORT:-18085}"
REG_MGMT_PORT="${HEADWATER_REGISTRY_MANAGEMENT_PORT:-18086}"
REG_HEAP="${HEADWATER_REGISTRY_HEAP:-384m}"
REG_HOME="$HW_CACHE/schema-registry"
REG_LOG="$HW_LOG_DIR/schema-registry-$REG_PORT.log"
COMP="schema-registry-$REG_PORT"
URL="http://$HW_HOST:$REG_PORT"
CCOMPAT_URL="$URL/apis/ccompat/v7"
# Apicurio 3.3.x is compiled for Java 21; 3.0.x still runs on Java 17. Newest wins when a JDK 21+ exists.
REG_VERSION_NEW=3.3.3
REG_VERSION_JAVA17=3.0.9

usage() {
  cat <<EOF
Usage: scripts/schema-registry.sh <command>

Apicurio Registry (Maven Central io.apicurio:apicurio-registry-app, classifier all, tar.gz) with
in-memory storage, bound to $HW_HOST. Confluent Schema Registry clients use $CCOMPAT_URL.

Commands:
  start      provision (first run: ~160 MB from Maven Central) and start; no-op when running;
             returns once GET /apis/ccompat/v7/subjects answers
  stop       stop it (all schemas are lost: storage is in memory)
  restart    stop + start
  status     exit 0 when running (prints pid, url, memory), 1 when not
  env        print shell exports: HEADWATER_SCHEMA_REGISTRY_URL (ccompat root), HEADWATER_REGISTRY_URL
  provision  only download

Version: $REG_VERSION_NEW when a JDK 21+ is found (HEADWATER_REGISTRY_JAVA, JAVA_HOME, java on PATH,
/usr/lib/jvm/*), otherwise $REG_VERSION_JAVA17 on Java 17. Force one with HEADWATER_REGISTRY_VERSION.

Environment:
  HEADWATER_CACHE                     cache root (now $HW_CACHE)
  HEADWATER_REGISTRY_PORT             HTTP port (default 18085; 8081 is Flink's)
  HEADWATER_REGISTRY_MANAGEMENT_PORT  Quarkus management port, health/metrics (default 18086)
  HEADWATER_REGISTRY_HEAP             heap (default 384m)
  HEADWATER_REGISTRY_JAVA             java binary to use

Exit codes: 0 ok, 1 not running, 2 usage, 3 missing java/mvn, 4 download failed,
            5 start failed/timed out, 6 port taken by another process.
Logs: $REG_LOG
EOF
}

java_major() { # java_major <java binary>
  local v major
  v=$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
  major=${v%%.*}
  [[ $major == 1 ]] && major=$(echo "$v" | cut -d. -f2)
  [[ $major =~ ^[0-9]+$ ]] && echo "$major"
}

# Pick java + Apicurio version. Sets REG_JAVA and REG_VERSION.
choose_runtime() {
  local cands=() c m
  [[ -n ${HEADWATER_REGISTRY_JAVA:-} ]] && cands+=("$HEADWATER_REGISTRY_JAVA")
  [[ -n ${JAVA_HOME:-} ]] && cands+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && cands+=("$(command -v java)")
  for c in /usr/lib/jvm/*/bin/java; do [[ -x $c ]] && cands+=("$c"); done
  REG_JAVA=""
  for c in "${cands[@]}"; do
    [[ -x $c ]] || continue
    m=$(java_major "$c") || continue
    if [[ -n $m ]] && ((m >= 21)); then
      REG_JAVA=$c
      break
    fi
  done
  if [[ -n ${HEADWATER_REGISTRY_VERSION:-} ]]; then
    REG_VERSION=$HEADWATER_REGISTRY_VERSION
    if [[ $REG_VERSION == 3.0.* || $REG_VERSION == 2.* ]]; then
      hw_require_java
      REG_JAVA=${REG_JAVA:-java}
    elif [[ -z $REG_JAVA ]]; then
      hw_die $HW_EXIT_PREREQ "Apicurio $REG_VERSION needs a JDK 21+; none found (set HEADWATER_REGISTRY_JAVA)"
    fi
  elif [[ -n $REG_JAVA ]]; then
    REG_VERSION=$REG_VERSION_NEW
  else
    hw_require_java
    REG_JAVA=java
    REG_VERSION=$REG_VERSION_JAVA17
  fi
  REG_DIST="$REG_HOME/$REG_VERSION"
}

provisioned() { [[ -f $REG_DIST/.complete ]]; }

# The Apicurio version, hence what to download, depends on the JDK found.
provision() {
  choose_runtime
  provisioned && return 0
  hw_lock schema-registry-provision
  provisioned && return 0
  local t0 tmp
  t0=$(hw_now_ms)
  hw_info "provisioning Apicurio Registry $REG_VERSION from Maven Central into $REG_DIST ..."
  rm -rf "$REG_HOME/download-$REG_VERSION"
  hw_mvn_artifact "io.apicurio:apicurio-registry-app:$REG_VERSION:tar.gz:all" "$REG_HOME/download-$REG_VERSION"
  tmp="$REG_DIST.partial.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  tar xzf "$REG_HOME/download-$REG_VERSION"/apicurio-registry-app-*-all.tar.gz -C "$tmp" ||
    hw_die $HW_EXIT_PROVISION "could not unpack the Apicurio archive"
  rm -rf "$REG_DIST" "$REG_HOME/download-$REG_VERSION"
  mv "$tmp" "$REG_DIST"
  touch "$REG_DIST/.complete"
  hw_info "provisioned Apicurio $REG_VERSION ($(hw_du "$REG_DIST") unpacked) in $(hw_elapsed "$t0")"
}

# Quarkus fast-jar (3.1+) vs. legacy uber layout (3.0.x)
main_jar() {
  if [[ -f $REG_DIST/quarkus-run.jar ]]; then
    echo "$REG_DIST/quarkus-run.jar"
  else
    ls "$REG_DIST"/apicurio-registry-app-*-runner.jar 2>/dev/null | head -n1
  fi
}

ready() { curl -sf -o /dev/null --max-time 2 "$CCOMPAT_URL/subjects"; }

start() {
  command -v curl >/dev/null 2>&1 || hw_die $HW_EXIT_PREREQ "curl not found (used for the readiness check)"
  provision
  hw_lock "$COMP"
  if hw_running "$COMP"; then
    hw_info "already running (pid $(hw_pid "$COMP"), $CCOMPAT_URL)"
    return 0
  fi
  hw_check_port "$REG_PORT" "registry HTTP"
  hw_check_port "$REG_MGMT_PORT" "registry management"
  local jar work
  jar=$(main_jar)
  [[ -n $jar ]] || hw_die $HW_EXIT_PROVISION "no runnable jar in $REG_DIST"
  work="$REG_HOME/work-$REG_PORT"
  mkdir -p "$work"
  # Everything on loopback; telemetry off; temp/snapshot files under the cache dir.
  (
    cd "$work"
    export QUARKUS_HTTP_HOST=$HW_HOST QUARKUS_HTTP_PORT=$REG_PORT
    export QUARKUS_MANAGEMENT_HOST=$HW_HOST QUARKUS_MANAGEMENT_PORT=$REG_MGMT_PORT
    export QUARKUS_OTEL_SDK_DISABLED=true QUARKUS_LOG_CONSOLE_COLOR=false
    export APICURIO_STORAGE_SNAPSHOT_LOCATION=$work APICURIO_IMPORT_WORK_DIR=$work
    hw_start_component "$COMP" "Apicurio $REG_VERSION on $URL (java $(java_major "$REG_JAVA"))" ready \
      "${HEADWATER_REGISTRY_START_TIMEOUT:-120}" \
      "$REG_JAVA" -Xms64m -Xmx"$REG_HEAP" -XX:+UseSerialGC -Djava.io.tmpdir="$work" -jar "$jar"
  ) || exit $HW_EXIT_START
}

stop() {
  hw_lock "$COMP"
  hw_stop_components 20 "$COMP"
}

status() { hw_status schema-registry "url=$CCOMPAT_URL log=$REG_LOG" "$COMP"; }

print_env() {
  cat <<EOF
export HEADWATER_SCHEMA_REGISTRY_URL=$CCOMPAT_URL
export HEADWATER_REGISTRY_URL=$URL
export HEADWATER_REGISTRY_PORT=$REG_PORT
export HEADWATER_REGISTRY_LOG=$REG_LOG
EOF
}

hw_main "$@"
