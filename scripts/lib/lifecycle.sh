# shellcheck shell=bash
# The lifecycle scripts/kafka.sh, scripts/schema-registry.sh and scripts/flink.sh share. A peer is one
# or more components (a detached process each, with a pid file; see lib/common.sh): start spawns each
# one and waits for its readiness check, stop and status go over all of them, and hw_main dispatches
# the commands every peer script has. A script sources this file, defines its settings and the
# functions hw_main calls — usage, provision, start, stop, status, print_env, and optionally
# extra_command for its own commands — then calls `hw_main "$@"`.
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# hw_start_component <component> <what> <ready fn> <timeout s> <cmd...>: spawns the component unless
# it runs, then waits until <ready fn> succeeds. On failure says why — it exited (the errors of its
# log, $HW_LOG_DIR/<component>.log) or never became ready (then it is stopped) — and returns 1.
hw_start_component() {
  local comp=$1 what=$2 readyfn=$3 timeout=$4
  shift 4
  local log="$HW_LOG_DIR/$comp.log" t0 rc=0
  t0=$(hw_now_ms)
  hw_running "$comp" || hw_spawn "$comp" "$log" "$@"
  hw_wait_ready "$comp" "$timeout" "$readyfn" || rc=$?
  case $rc in
  0)
    hw_info "$what up (pid $(hw_pid "$comp")) in $(hw_elapsed "$t0")"
    return 0
    ;;
  2)
    hw_info "$what exited during start-up; last log lines:"
    grep -E 'ERROR|Exception|Caused by' "$log" | tail -n 15 >&2 || tail -n 15 "$log" >&2
    ;;
  *)
    hw_info "$what not ready after ${timeout}s; see $log"
    hw_stop_pid "$comp" 10
    ;;
  esac
  return 1
}

# hw_all_running <component...>: true when every component runs.
hw_all_running() {
  local c
  for c in "$@"; do hw_running "$c" || return 1; done
}

# hw_stop_components <timeout s> <component...>: stops those that run (SIGTERM, SIGKILL after the
# timeout), in the order given, and says which; "not running" when none did.
hw_stop_components() {
  local timeout=$1 c pid stopped=0
  shift
  for c in "$@"; do
    if pid=$(hw_pid "$c"); then
      hw_stop_pid "$c" "$timeout"
      hw_info "stopped $c (pid $pid)"
      stopped=1
    fi
    rm -f "$(hw_pidfile "$c")"
  done
  ((stopped == 1)) || hw_info "not running"
}

# hw_status <label> <details> <component...>: one line — "<label>: running <details> <name>=pid:…,
# rss:…MiB…" (exit 0) or "<label>: not running <details> <name>=down…" (exit 1), where <name> is the
# component without its port suffix (flink-jm-18081 → flink-jm; scripts such as bench/nexmark read it).
hw_status() {
  local label=$1 details=$2 c name pid parts="" down=0
  shift 2
  for c in "$@"; do
    name=$c
    [[ $c =~ ^(.*)-[0-9]+$ ]] && name=${BASH_REMATCH[1]}
    if pid=$(hw_pid "$c"); then
      parts+=" $name=pid:$pid,rss:$(hw_rss_mb "$pid")MiB"
    else
      parts+=" $name=down"
      down=1
    fi
  done
  if ((down == 0)); then
    echo "$label: running $details$parts"
    return 0
  fi
  echo "$label: not running $details$parts"
  return $HW_EXIT_NOT_RUNNING
}

# hw_main "$@": the commands of every peer script — start, stop, restart, status, env, provision,
# help — then the script's own (extra_command <cmd> [args...], which returns 127 for a command it
# does not know).
hw_main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
  start | stop | restart | status | env | provision) hw_no_args "$cmd" "$@" ;;
  esac
  case $cmd in
  start) start ;;
  stop) stop ;;
  restart)
    (stop)
    start
    ;;
  status) status ;;
  env) print_env ;;
  provision) provision ;;
  -h | --help | help) usage ;;
  "")
    usage >&2
    exit $HW_EXIT_USAGE
    ;;
  *)
    local rc=127
    if declare -F extra_command >/dev/null; then
      rc=0
      extra_command "$cmd" "$@" || rc=$?
    fi
    if ((rc == 127)); then
      usage >&2
      hw_die $HW_EXIT_USAGE "unknown command '$cmd'"
    fi
    return "$rc"
    ;;
  esac
}
