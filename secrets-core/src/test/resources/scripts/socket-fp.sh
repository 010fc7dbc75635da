#!/bin/sh
docker run -v /var/run/docker.sock.bak:/backup alpine
docker run -v /var/run/docker.sock alpine
docker run --mount type=volume,source=docker.sock,target=/data alpine
docker build -t app -f Dockerfile .
docker run alpine ls -v /var/run/docker.sock:/x
# docker run -v /var/run/docker.sock:/var/run/docker.sock alpine
curl --unix-socket /var/run/docker.sock http://localhost/version
