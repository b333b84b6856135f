#!/usr/bin/env bash
# Starts a single-node Slurm cluster on this machine (loopback only) for the job-array test
# (SlurmJobArrayIT): munge, slurmctld and slurmd, one node named after `hostname -s` with 2 CPUs
# and one partition. Installs Debian's slurm-wlm and munge when they are missing. Idempotent: a
# cluster that already answers is left alone. Exits non-zero, with a reason, when Slurm cannot
# start; the caller warns and goes on, and the test then reports itself skipped.
set -uo pipefail

log() { echo "start-slurm: $*" >&2; }

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; else log "not root and no sudo"; exit 1; fi
fi

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 \
    || ! command -v munged >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then log "no apt-get to install slurm-wlm and munge"; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq || true
  $sudo_cmd apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null \
    || { log "cannot install slurm-wlm and munge"; exit 1; }
fi

node="$(hostname -s)"
if sinfo -h -N -o '%N %t' 2>/dev/null | grep -Eq "^$node (idle|mix|alloc)"; then
  log "Slurm already runs: $(sinfo -h -N -o '%N %t' | tr '\n' ' ')"
  exit 0
fi

# munge: a key, its directories, the daemon.
$sudo_cmd mkdir -p /etc/munge /var/lib/munge /var/log/munge /run/munge
if [ ! -s /etc/munge/munge.key ]; then
  $sudo_cmd dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
$sudo_cmd chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge 2>/dev/null || true
$sudo_cmd chmod 0700 /etc/munge /var/lib/munge /var/log/munge
$sudo_cmd chmod 0755 /run/munge
$sudo_cmd chmod 0400 /etc/munge/munge.key
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  if [ -z "$sudo_cmd" ]; then
    runuser -u munge -- munged || { log "munged does not start"; exit 1; }
  else
    sudo -u munge munged || { log "munged does not start"; exit 1; }
  fi
  sleep 1
fi
munge -n | unmunge >/dev/null 2>&1 || { log "munge does not answer"; exit 1; }

# Slurm: one node, one partition, no cgroups, state under /var/lib/slurm.
conf_dir=/etc/slurm
$sudo_cmd mkdir -p "$conf_dir" /var/lib/slurm/slurmctld /var/lib/slurm/slurmd /var/log/slurm /run/slurm
$sudo_cmd tee "$conf_dir/slurm.conf" >/dev/null <<CONF
# Written by .ci/start-slurm.sh: a single-node cluster on loopback for netsim's job-array test.
ClusterName=netsim-ci
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
InactiveLimit=0
KillWait=5
MinJobAge=300
Waittime=0
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
# No cgroups: Slurm 23.11 and later are told so; 22.05 (Debian 12) knows no "disabled" and, with
# proctrack/linuxproc and task/none, uses none anyway.
version="$(slurmd -V 2>/dev/null | awk '{print $2}')"
major="${version%%.*}"; rest="${version#*.}"; minor="${rest%%.*}"
if [ "${major:-0}" -gt 23 ] || { [ "${major:-0}" -eq 23 ] && [ "${minor:-0}" -ge 11 ]; }; then
  echo "CgroupPlugin=disabled" | $sudo_cmd tee "$conf_dir/cgroup.conf" >/dev/null
else
  $sudo_cmd rm -f "$conf_dir/cgroup.conf"
fi

pgrep -x slurmctld >/dev/null 2>&1 || $sudo_cmd slurmctld || { log "slurmctld does not start (see /var/log/slurm/slurmctld.log)"; exit 1; }
pgrep -x slurmd >/dev/null 2>&1 || $sudo_cmd slurmd || { log "slurmd does not start (see /var/log/slurm/slurmd.log)"; exit 1; }

for _ in $(seq 1 30); do
  state="$(sinfo -h -N -o '%N %t' 2>/dev/null | grep "^$node " | awk '{print $2}')"
  case "$state" in
    idle|mix|alloc) log "Slurm runs: node $node is $state"; exit 0 ;;
    down*|drain*) $sudo_cmd scontrol update NodeName="$node" State=RESUME 2>/dev/null || true ;;
  esac
  sleep 1
done
log "the node never became idle: $(sinfo -N 2>&1 | tr '\n' ' ')"
tail -5 /var/log/slurm/slurmd.log >&2 2>/dev/null || true
exit 1
