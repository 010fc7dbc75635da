#!/bin/bash
# docker run --privileged alpine true
docker run --privileged=false alpine true
docker run --help --privileged
echo "don't use --privileged"
docker build --tag app:latest .
docker run alpine echo --privileged
docker run -e MODE=--privileged alpine true
docker run --rm alpine true # --privileged
docker ps --filter name=privileged
