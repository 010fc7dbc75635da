#!/usr/bin/env bash
docker run -v /var/run/docker.sock:/var/run/docker.sock portainer/portainer-ce
docker run --volume=/var/run/docker.sock:/var/run/docker.sock:ro traefik:v3
docker run --volume /run/docker.sock:/var/run/docker.sock alpine
docker run --mount type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock alpine
docker run --mount "type=bind,src=/var/run/docker.sock,dst=/var/run/docker.sock" alpine
docker run -v "$XDG_RUNTIME_DIR/docker.sock:/var/run/docker.sock" alpine
docker run -itv /var/run/docker.sock:/var/run/docker.sock alpine
