FROM alpine:3.20
RUN --security=sandbox make
RUN echo --security=insecure
RUN --network=none make test
