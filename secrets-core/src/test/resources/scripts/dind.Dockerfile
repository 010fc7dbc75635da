FROM docker:27
RUN docker run --privileged alpine true
RUN <<EOF
apk add curl
docker run -v /var/run/docker.sock:/var/run/docker.sock alpine
EOF
RUN ["docker", "run", "--privileged", "alpine"]
RUN --security=insecure echo "the Dockerfile analyzer reports this one"
