#!/usr/bin/env bash
# Builds chatroom/base-jre:17, a Debian bookworm image with a Java 17 runtime, WITHOUT any
# container registry: debootstrap fetches Debian packages from the mirror apt already uses, and
# `docker import` turns the tree into an image. Machines that can pull images can use
# eclipse-temurin:17-jre instead (the Dockerfile's default BASE_IMAGE).
# Idempotent: does nothing when the image exists.
set -euo pipefail

IMAGE="${BASE_IMAGE_TAG:-chatroom/base-jre:17}"

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "base image $IMAGE already exists"
  exit 0
fi

command -v debootstrap >/dev/null || { echo "debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }

# The mirror apt uses here (deb822 .sources first, then the classic sources.list).
MIRROR="$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n 1 || true)"
if [ -z "$MIRROR" ]; then
  MIRROR="$(awk '/^deb / && !/security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
fi
MIRROR="${MIRROR:-http://deb.debian.org/debian}"

ROOTFS="$(mktemp -d /tmp/chatroom-rootfs.XXXXXX)"
trap 'rm -rf "$ROOTFS"' EXIT

echo "building $IMAGE from $MIRROR (debootstrap, about a minute)"
debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$ROOTFS" "$MIRROR" >/dev/null
# Keep the image small: no apt lists or caches.
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*
tar -C "$ROOTFS" -c . | docker import --change 'ENV LANG=C.UTF-8' - "$IMAGE" >/dev/null
echo "built $IMAGE"
