#!/usr/bin/env bash
# Makes sure a Docker engine answers, installing and starting it from Debian packages when it does
# not (as root). Prints why and exits non-zero when that cannot be done; callers then carry on and
# the container tests report themselves as skipped.
set -uo pipefail

if docker info >/dev/null 2>&1; then
  echo "docker engine: running"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "docker engine: not running, and not root to start it" >&2
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker-compose >/dev/null 2>&1 \
    || ! command -v debootstrap >/dev/null 2>&1; then
  echo "docker engine: installing docker.io, docker-compose, debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null && apt-get install -y -q docker.io docker-compose debootstrap >/dev/null \
    || { echo "docker engine: apt-get install failed" >&2; exit 1; }
fi

LOG="${DOCKERD_LOG:-/tmp/chatroom-dockerd.log}"
echo "docker engine: starting dockerd (log: $LOG)"
nohup dockerd >"$LOG" 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "docker engine: running"
    exit 0
  fi
  sleep 1
done
echo "docker engine: dockerd did not answer within 60 s; see $LOG" >&2
exit 1
