# syntax=docker/dockerfile:1-labs
FROM alpine:3.20
RUN --security=insecure mount -t tmpfs none /mnt
RUN --mount=type=cache,target=/root/.cache \
    --security=insecure make install
ONBUILD RUN --security=insecure true
