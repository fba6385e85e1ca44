# One Debian package as a service image, on the local base image (no registry needed):
#   docker build -f docker/cluster/service.Dockerfile --build-arg PACKAGES=redis-server .
ARG BASE_IMAGE=chatroom/base-jre:17
FROM ${BASE_IMAGE}
ARG PACKAGES
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PACKAGES} \
    && rm -rf /var/lib/apt/lists/*
COPY docker/cluster/ /cluster/
