#!/bin/sh
docker run --privileged alpine true
docker run -d \
  --name worker \
  --privileged=true \
  alpine sleep 1
sudo docker container run --rm --privileged alpine true
podman run --privileged=TRUE alpine true
docker create --privileged alpine
docker -H tcp://127.0.0.1:2375 run -it --privileged alpine sh
bash -c "docker run --privileged alpine true"
make build && docker run --privileged alpine true; echo done
