#!/usr/bin/env bash
# Starts (or stops) a one-node SLURM cluster on this machine, for testing the job-array route of
# `vesselprint extract` (CI runs it before the tests). Needs Debian's slurm-wlm and munge, and root.
#   scripts/slurm-local.sh start   # writes /tmp/vp-slurm/slurm.conf, starts munged, slurmctld, slurmd
#   scripts/slurm-local.sh stop
# Then: export SLURM_CONF=/tmp/vp-slurm/slurm.conf
set -euo pipefail
D=/tmp/vp-slurm
case "${1:-start}" in
start)
  mkdir -p "$D/state" "$D/spool" "$D/log"
  host=$(hostname -s)
  cpus=$(nproc)
  mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 8 / 10 ))
  cat > "$D/slurm.conf" <<CONF
ClusterName=vesselprint
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  if ! pgrep -x munged >/dev/null; then
    mkdir -p /run/munge /var/log/munge /var/lib/munge /etc/munge
    [ -s /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; }
    chown -R munge:munge /run/munge /var/log/munge /var/lib/munge /etc/munge 2>/dev/null || true
    chmod 400 /etc/munge/munge.key; chmod 700 /etc/munge
    runuser -u munge -- /usr/sbin/munged
  fi
  pgrep -x slurmctld >/dev/null || (slurmctld -f "$D/slurm.conf" >/dev/null 2>&1 &)
  pgrep -x slurmd >/dev/null || (slurmd -f "$D/slurm.conf" >/dev/null 2>&1 &)
  for _ in $(seq 1 60); do
    if SLURM_CONF="$D/slurm.conf" sinfo -h -o '%t' 2>/dev/null | grep -qE 'idle|mix|alloc'; then
      echo "slurm-local: up (SLURM_CONF=$D/slurm.conf)"; exit 0
    fi
    sleep 1
  done
  echo "slurm-local: cluster did not come up; see $D/log" >&2; exit 1
  ;;
stop)
  pkill -x slurmd || true; pkill -x slurmctld || true
  echo "slurm-local: stopped"
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
