#!/usr/bin/env bash
# A real Slurm 22.05 cluster on this one machine, for the cluster tests (tests/cluster) and for trying the
# Slurm backend: munged, slurmctld and four slurmd "nodes" (n1-n3 in partition cpu, g1 with a fake GPU in
# partition gpu), cgroup memory enforcement (OUT_OF_MEMORY), jobcomp/filetxt accounting.
#   scripts/local-slurm.sh up|status|down
# Everything lives under $SA_SLURM_LAB (default /tmp/sealadapter-slurm); clients source $SA_SLURM_LAB/env
# (SLURM_CONF). Only processes this script started are stopped. See README.md "Trying the Slurm backend".
set -euo pipefail

lab="${SA_SLURM_LAB:-/tmp/sealadapter-slurm}"
port="${SA_SLURM_PORT:-16817}"          # slurmctld; the slurmd nodes take the next ports
cpu_nodes=(n1 n2 n3)
gpu_node="g1"
nodes=("${cpu_nodes[@]}" "$gpu_node")
node_cpus=2
node_mem_mb=4000
conf="$lab/etc/slurm.conf"
munge_socket="$lab/munge/munge.socket"

log() { printf 'local-slurm: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
now_ms() { date +%s%3N; }

# Why "ports" mode (several slurmd on 127.0.0.1, one port each) and not one network namespace per node:
# it needs no CAP_NET_ADMIN, creates no bridge/veth/netns that a crash could leave behind, and Debian's
# Slurm is built with MULTIPLE_SLURMD. Its two costs are handled here: TmpFS=.../%n keeps PMIx
# directories apart, and a TaskProlog keeps Open MPI on loopback TCP (slurm-local.md §3a).

need_programs() {
  local p
  # slurmd runs jobs as their users and manages cgroups; munged and mknod need root as well.
  [ "$(id -u)" -eq 0 ] || die "must run as root (slurmd manages cgroups and runs jobs as their owners)"
  for p in munged munge slurmctld slurmd sinfo scontrol squeue; do
    command -v "$p" >/dev/null 2>&1 || die "$p not found: run scripts/setup.sh (it installs slurm-wlm and munge)"
  done
}

# pid from a pid file if that process is alive and is the expected program; empty otherwise.
live_pid() {
  local file="$1" comm="$2" pid
  [ -r "$file" ] || return 0
  pid="$(tr -dc '0-9' <"$file")"
  [ -n "$pid" ] || return 0
  [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$comm" ] || return 0
  # A daemon killed with -9 stays a zombie until something reaps it: that is not a live daemon.
  alive "$pid" && printf '%s' "$pid"
  return 0
}

alive() {
  [ -d "/proc/$1" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# TERM the daemons named by pid files (each "file:comm"), all at once; KILL what is left after 5 s. The pid
# files go either way (after the daemons, which remove their own), so a stale one cannot name a recycled pid.
stop_daemons() {
  local spec pid pids=() i left
  for spec in "$@"; do
    pid="$(live_pid "${spec%%:*}" "${spec##*:}")"
    [ -n "$pid" ] && pids+=("$pid") && { kill -TERM "$pid" 2>/dev/null || true; }
  done
  for i in $(seq 50); do
    left=()
    for pid in "${pids[@]}"; do alive "$pid" && left+=("$pid"); done
    ((${#left[@]})) || break
    [ "$i" = 50 ] && { kill -KILL "${left[@]}" 2>/dev/null || true; }
    sleep 0.1
  done
  for spec in "$@"; do rm -f "${spec%%:*}"; done
}

# Processes of our jobs: slurmstepd and everything they started carry SLURM_CONF=<our conf> in their
# environment (slurmd exports it), which no other cluster's processes do.
our_job_pids() {
  local d pid
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    [ "$pid" = "$$" ] && continue
    if tr '\0' '\n' 2>/dev/null <"$d/environ" | grep -qxF "SLURM_CONF=$conf"; then
      # Never the shell or test that merely uses the cluster as a client: only what slurmd started.
      case "$(cat "$d/comm" 2>/dev/null)" in
        slurmstepd) printf '%s\n' "$pid" ;;
        *) tr '\0' '\n' 2>/dev/null <"$d/environ" | grep -q '^SLURM_JOB_ID=' && printf '%s\n' "$pid" ;;
      esac
    fi
  done
  return 0
}

# Job cgroups of our nodes (cgroup v1: <controller>/slurm_<node>/...), removed bottom-up after the jobs.
our_cgroup_dirs() {
  local n c
  for n in "${nodes[@]}"; do
    for c in /sys/fs/cgroup/*/"slurm_$n" /sys/fs/cgroup/"slurm_$n"; do
      [ -d "$c" ] && printf '%s\n' "$c"
    done
  done
  return 0
}

is_running() {
  local n
  [ -n "$(live_pid "$lab/run/munged.pid" munged)" ] || return 1
  [ -n "$(live_pid "$lab/run/slurmctld.pid" slurmctld)" ] || return 1
  for n in "${nodes[@]}"; do
    [ -n "$(live_pid "$lab/run/slurmd-$n.pid" slurmd)" ] || return 1
  done
}

down() {
  local n pids c specs
  [ -d "$lab" ] || return 0
  pids="$(our_job_pids)"
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086  # one pid per word
    kill -KILL $pids 2>/dev/null || true
  fi
  specs=()
  for n in "${nodes[@]}"; do specs+=("$lab/run/slurmd-$n.pid:slurmd"); done
  stop_daemons "${specs[@]}" "$lab/run/slurmctld.pid:slurmctld"
  stop_daemons "$lab/run/munged.pid:munged"   # last: slurmd and slurmctld use it while stopping
  # A step started while slurmd was going down: catch it now that nothing can start another.
  pids="$(our_job_pids)"
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.2
  fi
  while read -r c; do
    if [ -n "$c" ]; then find "$c" -depth -type d -exec rmdir {} + 2>/dev/null || true; fi
  done <<<"$(our_cgroup_dirs)"
  rm -f "$munge_socket" "$munge_socket.lock"
}

write_config() {
  local i n p gpu_dev gres
  mkdir -p "$lab"/{etc,state,log,run,dev,munge}
  for n in "${nodes[@]}"; do mkdir -p "$lab/spool/$n" "$lab/tmp/$n"; done
  chmod 755 "$lab" "$lab/munge"
  chmod 1777 "$lab/tmp" "${nodes[@]/#/$lab/tmp/}"
  gpu_dev="$lab/dev/gpu0"
  # gres.conf needs a character device (slurm-local.md §4); this one is /dev/null's major:minor.
  [ -c "$gpu_dev" ] || { rm -f "$gpu_dev"; mknod "$gpu_dev" c 1 3; chmod 666 "$gpu_dev"; }

  {
    echo "# Generated by scripts/local-slurm.sh; rewritten on every cold start."
    echo "ClusterName=satest"
    echo "SlurmctldHost=localhost(127.0.0.1)"
    echo "SlurmctldPort=$port"
    echo "SlurmUser=root"
    echo "SlurmdUser=root"
    echo "AuthType=auth/munge"
    echo "CredType=cred/munge"
    echo "AuthInfo=socket=$munge_socket"
    echo "MailProg=/bin/true"
    echo "MpiDefault=none"
    # cgroups so that a job over its --mem is killed and ends OUT_OF_MEMORY (slurm-local.md §8b).
    echo "ProctrackType=proctrack/cgroup"
    echo "TaskPlugin=task/cgroup"
    echo "TaskProlog=$lab/etc/task_prolog.sh"
    echo "ReturnToService=2"
    echo "SlurmdParameters=config_overrides"
    echo "StateSaveLocation=$lab/state"
    echo "SlurmctldPidFile=$lab/run/slurmctld.pid"
    echo "SlurmctldLogFile=$lab/log/slurmctld.log"
    echo "SlurmdSpoolDir=$lab/spool/%n"
    echo "SlurmdPidFile=$lab/run/slurmd-%n.pid"
    echo "SlurmdLogFile=$lab/log/slurmd-%n.log"
    echo "TmpFS=$lab/tmp/%n"
    echo "SlurmctldDebug=info"
    echo "SlurmdDebug=info"
    # Jobs start within ~1 s instead of 3 s, and a pending GPU job does not block CPU jobs for 30 s.
    echo "SchedulerType=sched/backfill"
    echo "SchedulerParameters=batch_sched_delay=0,bf_interval=1"
    echo "SelectType=select/cons_tres"
    echo "SelectTypeParameters=CR_Core_Memory"
    echo "DefMemPerCPU=500"
    # Short grace and purge times keep the tests fast: cancel/timeout escalate to SIGKILL after 2 s, and
    # finished jobs leave the controller after 10 s (then only the jobcomp file knows them).
    echo "KillWait=2"
    echo "MinJobAge=10"
    echo "SlurmdTimeout=30"
    echo "JobRequeue=1"
    echo "AccountingStorageType=accounting_storage/none"
    echo "JobAcctGatherType=jobacct_gather/none"
    echo "JobCompType=jobcomp/filetxt"
    echo "JobCompLoc=$lab/log/jobcomp.txt"
    echo "GresTypes=gpu"
    i=0
    for n in "${nodes[@]}"; do
      i=$((i + 1))
      p=$((port + i))
      gres=""
      [ "$n" = "$gpu_node" ] && gres=" Gres=gpu:1"
      echo "NodeName=$n NodeHostname=localhost NodeAddr=127.0.0.1 Port=$p CPUs=$node_cpus" \
        "RealMemory=$node_mem_mb$gres State=UNKNOWN"
    done
    echo "PartitionName=cpu Nodes=$(IFS=,; echo "${cpu_nodes[*]}") Default=YES MaxTime=INFINITE State=UP"
    echo "PartitionName=gpu Nodes=$gpu_node MaxTime=INFINITE State=UP"
  } >"$conf.tmp"
  mv "$conf.tmp" "$conf"

  printf 'AutoDetect=off\nNodeName=%s Name=gpu File=%s\n' "$gpu_node" "$gpu_dev" >"$lab/etc/gres.conf"
  # autodetect picks cgroup/v1 here; the v2 options make a cgroup-v2-only host work without systemd.
  printf '%s\n' "CgroupPlugin=autodetect" "CgroupAutomount=yes" "IgnoreSystemdOnFailure=yes" \
    "ConstrainRAMSpace=yes" "ConstrainSwapSpace=yes" >"$lab/etc/cgroup.conf"
  # Every "node" has the same hostname, so Open MPI's shared-memory segments would collide and it would
  # pick the external interface: keep it on loopback TCP.
  printf '%s\n' '#!/bin/sh' 'echo "export OMPI_MCA_btl=self,tcp"' 'echo "export OMPI_MCA_btl_tcp_if_include=lo"' \
    'echo "export OMPI_MCA_oob_tcp_if_include=lo"' >"$lab/etc/task_prolog.sh"
  chmod 755 "$lab/etc/task_prolog.sh"
  printf 'export SLURM_CONF=%q\nexport SA_SLURM_LAB=%q\n' "$conf" "$lab" >"$lab/env"
}

start_munge() {
  local i
  if [ ! -s "$lab/munge/munge.key" ]; then
    dd if=/dev/urandom of="$lab/munge/munge.key.tmp" bs=1024 count=1 status=none
    chmod 600 "$lab/munge/munge.key.tmp"
    mv "$lab/munge/munge.key.tmp" "$lab/munge/munge.key"
  fi
  rm -f "$munge_socket" "$munge_socket.lock"
  munged --socket="$munge_socket" --key-file="$lab/munge/munge.key" --log-file="$lab/log/munged.log" \
    --pid-file="$lab/run/munged.pid" --seed-file="$lab/munge/munged.seed" --force ||
    die "munged did not start; see $lab/log/munged.log"
  for i in $(seq 50); do
    munge -n --socket="$munge_socket" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "munged does not answer on $munge_socket; see $lab/log/munged.log"
}

# Every node registered and responding: idle on a cold start; mix/alloc/comp too when jobs already run.
wait_ready() {
  local i states
  for i in $(seq 300); do
    states="$(sinfo -h -N -o '%N %t' 2>/dev/null | sort -u || true)"
    if [ -n "$states" ] && ! grep -qvE ' (idle|mix|alloc|comp)$' <<<"$states" &&
       [ "$(wc -l <<<"$states")" -eq "${#nodes[@]}" ]; then
      return 0
    fi
    sleep 0.1
  done
  log "nodes not ready after 30 s:"
  printf '%s\n' "$states" >&2
  die "see $lab/log/slurmctld.log and $lab/log/slurmd-*.log"
}

up() {
  local t0 n
  t0="$(now_ms)"
  need_programs
  export SLURM_CONF="$conf"
  if is_running && scontrol ping >/dev/null 2>&1; then
    wait_ready
    log "already up ($lab)"
    return 0
  fi
  # Anything half-started or left by a crash (stale pid files, orphaned steps) goes first.
  down
  write_config
  # A cold start is a fresh cluster: job ids restart at 1, so the old jobcomp records must go too.
  rm -rf "${lab:?}/state" "$lab/log/jobcomp.txt"
  mkdir -p "$lab/state"
  start_munge
  slurmctld -f "$conf" || die "slurmctld did not start; see $lab/log/slurmctld.log"
  for n in "${nodes[@]}"; do
    slurmd -f "$conf" -N "$n" || die "slurmd $n did not start; see $lab/log/slurmd-$n.log"
  done
  wait_ready
  log "up in $(( $(now_ms) - t0 )) ms: $conf (source $lab/env)"
}

status() {
  local n
  export SLURM_CONF="$conf"
  if ! is_running; then
    log "not running ($lab)"
    for n in munged slurmctld "${nodes[@]/#/slurmd-}"; do
      [ -e "$lab/run/$n.pid" ] && log "stale pid file: $lab/run/$n.pid"
    done
    return 1
  fi
  echo "SLURM_CONF=$conf"
  sinfo -o '%P %a %D %t %N %c %m %G'
  squeue -o '%i %j %T %r %N' 2>/dev/null || true
}

case "${1:-}" in
  up) up ;;
  status) status ;;
  down)
    t0="$(now_ms)"
    down
    log "down in $(( $(now_ms) - t0 )) ms"
    ;;
  *) echo "usage: $0 up|status|down" >&2; exit 2 ;;
esac
