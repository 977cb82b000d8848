# shellcheck shell=bash
# Shared helpers for scripts/kafka.sh, scripts/schema-registry.sh and scripts/flink.sh.
# Sourced, never executed. Everything downloaded or written at run time lives under
# ${HEADWATER_CACHE:-$HOME/.cache/headwater}; every peer binds to 127.0.0.1 only.
#
# Exit codes the scripts share (callers such as test/infra/peers.ts rely on them):
#   0 ok / running   1 not running (status)   2 usage error
#   3 missing prerequisite (java, mvn, python3)   4 provisioning (download) failed
#   5 start failed or timed out   6 port already taken by a foreign process

HW_EXIT_OK=0
HW_EXIT_NOT_RUNNING=1
HW_EXIT_USAGE=2
HW_EXIT_PREREQ=3
HW_EXIT_PROVISION=4
HW_EXIT_START=5
HW_EXIT_PORT=6

HW_HOST=127.0.0.1
HW_CACHE="${HEADWATER_CACHE:-$HOME/.cache/headwater}"
HW_LOG_DIR="$HW_CACHE/logs"
HW_RUN_DIR="$HW_CACHE/run"
HW_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HW_SCRIPTS_DIR="$(dirname "$HW_LIB_DIR")"
HW_INFRA_DIR="$HW_SCRIPTS_DIR/infra"

mkdir -p "$HW_LOG_DIR" "$HW_RUN_DIR"

hw_name="${hw_name:-headwater}"

hw_info() { printf '[%s] %s\n' "$hw_name" "$*" >&2; }
hw_die() { # hw_die <exit code> <message...>
  local code=$1
  shift
  printf '[%s] error: %s\n' "$hw_name" "$*" >&2
  exit "$code"
}

# Milliseconds since the epoch (for timings printed by start/provision).
hw_now_ms() { date +%s%3N; }
hw_elapsed() { # hw_elapsed <start ms> -> "12.3s"
  local d=$(($(hw_now_ms) - $1))
  printf '%d.%01ds' $((d / 1000)) $(((d % 1000) / 100))
}

hw_require_java() {
  command -v java >/dev/null 2>&1 || hw_die $HW_EXIT_PREREQ "java not found: install a JDK 17+ (e.g. apt-get install openjdk-17-jdk-headless)"
  local v major
  v=$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
  major=${v%%.*}
  [[ $major == 1 ]] && major=$(echo "$v" | cut -d. -f2)
  [[ $major =~ ^[0-9]+$ ]] || hw_die $HW_EXIT_PREREQ "cannot read the java version from 'java -version' (got '$v')"
  ((major >= 17)) || hw_die $HW_EXIT_PREREQ "java $v found, but a JDK 17+ is required"
}

hw_require_mvn() {
  command -v mvn >/dev/null 2>&1 || hw_die $HW_EXIT_PREREQ "mvn not found: install Maven 3.8+ (needed once, to fetch jars from Maven Central)"
}

# True when something accepts TCP connections on 127.0.0.1:<port>.
hw_port_open() {
  (exec 3<>"/dev/tcp/$HW_HOST/$1") 2>/dev/null
}

# hw_check_port <port> <what>: fail with HW_EXIT_PORT when a port we want is already taken.
hw_check_port() {
  if hw_port_open "$1"; then
    hw_die $HW_EXIT_PORT "port $HW_HOST:$1 ($2) is already in use by another process; set the matching HEADWATER_*_PORT variable to another port"
  fi
}

hw_pidfile() { echo "$HW_RUN_DIR/$1.pid"; }

# Start time of a process (clock ticks since boot, /proc/<pid>/stat field 22): with the pid it
# identifies a process even after its pid was reused.
hw_proc_start() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) } # drop "pid (comm) "; comm may contain spaces
  echo "$stat" | cut -d' ' -f20
}

# Pid of a running peer component, or nothing (and status 1).
hw_pid() {
  local f pid start now
  f=$(hw_pidfile "$1")
  [[ -f $f ]] || return 1
  read -r pid start <"$f" || true
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n ${start:-} ]]; then
    now=$(hw_proc_start "$pid") || return 1
    [[ $now == "$start" ]] || return 1
  fi
  echo "$pid"
}

hw_running() { hw_pid "$1" >/dev/null; }

# hw_spawn <component> <logfile> <cmd...>: start a detached process (own session) and record its pid.
hw_spawn() {
  local comp=$1 log=$2
  shift 2
  [[ -f $log ]] && mv -f "$log" "$log.1"
  setsid nohup "$@" >"$log" 2>&1 </dev/null 9>&- &
  local pid=$!
  echo "$pid $(hw_proc_start "$pid")" >"$(hw_pidfile "$comp")"
}

# hw_wait_ready <component> <timeout s> <check command...>: poll until the check succeeds, the process
# dies (exit 5) or the timeout passes (exit 5).
hw_wait_ready() {
  local comp=$1 timeout=$2
  shift 2
  local deadline=$(($(date +%s) + timeout))
  while :; do
    if ! hw_running "$comp"; then
      return 2
    fi
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    if (($(date +%s) >= deadline)); then
      return 1
    fi
    sleep 0.5
  done
}

# hw_stop_pid <component> [timeout s]: SIGTERM, wait, then SIGKILL; removes the pid file.
hw_stop_pid() {
  local comp=$1 timeout=${2:-30} pid i
  pid=$(hw_pid "$comp") || {
    rm -f "$(hw_pidfile "$comp")"
    return 0
  }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    hw_info "$comp (pid $pid) did not stop within ${timeout}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(hw_pidfile "$comp")"
}

# Resident memory of a pid in MiB (for status output).
hw_rss_mb() {
  local kb
  kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null) || return 0
  [[ -n $kb ]] && echo $((kb / 1024))
}

# hw_lock <name>: serialise start/stop/provision across concurrent callers (parallel test workers).
# The lock is held on fd 9 until the calling script exits.
hw_lock() {
  local f="$HW_RUN_DIR/$1.lock"
  exec 9>"$f"
  if command -v flock >/dev/null 2>&1; then
    flock -w "${HW_LOCK_TIMEOUT:-900}" 9 || hw_die $HW_EXIT_START "timed out waiting for lock $f"
  fi
}

# hw_mvn_copy <pom> <output dir> [extra mvn args...]: copy the pom's declared dependencies into a
# fresh directory, atomically (a half-finished download never looks provisioned).
hw_mvn_copy() {
  local pom=$1 out=$2
  shift 2
  hw_require_mvn
  local tmp="$out.partial.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp" "$(dirname "$out")"
  local mlog="$HW_LOG_DIR/mvn-$(basename "$out").log"
  if ! mvn -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$tmp" "$@" >"$mlog" 2>&1; then
    rm -rf "$tmp"
    tail -n 20 "$mlog" >&2
    hw_die $HW_EXIT_PROVISION "mvn could not fetch the jars of $pom (full log: $mlog)"
  fi
  rm -rf "$out"
  mv "$tmp" "$out"
}

hw_du() { du -sh "$1" 2>/dev/null | cut -f1; }

# hw_mvn_artifact <groupId:artifactId:version[:type[:classifier]]> <output dir>: fetch exactly one
# artifact (no POM graph walk, so it works even where a parent POM is missing from the mirror).
hw_mvn_artifact() {
  local coords=$1 out=$2
  hw_require_mvn
  mkdir -p "$out"
  local mlog="$HW_LOG_DIR/mvn-artifact.log"
  if ! (cd "$HW_CACHE" && mvn -B -q dependency:copy -Dartifact="$coords" -DoutputDirectory="$out" -Dmdep.overWriteReleases=true \
    >"$mlog" 2>&1); then
    tail -n 20 "$mlog" >&2
    hw_die $HW_EXIT_PROVISION "mvn could not fetch $coords from Maven Central (full log: $mlog)"
  fi
}

# hw_no_args <cmd> "$@": lifecycle commands take no arguments; reject typos instead of ignoring them.
hw_no_args() {
  local cmd=$1
  shift
  (($# == 0)) || hw_die $HW_EXIT_USAGE "'$cmd' takes no arguments (got: $*); see --help"
}
