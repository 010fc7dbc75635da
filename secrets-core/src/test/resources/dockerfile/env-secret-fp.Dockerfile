# syntax=docker/dockerfile:1
FROM alpine:3.20
# ENV DB_PASSWORD=p4ss-Q7w9-zX2k is only a comment
ENV DB_PASSWORD=$DB_PASSWORD API_TOKEN=${API_TOKEN} X_TOKEN=${X_TOKEN:?set X_TOKEN}
ENV DB_USER=admin PASSWORD_FILE=/run/secrets/db_password JWT_PUBLIC_KEY=pk-Q7w9-zX2k
ENV TOKEN_ENABLED=true API_KEY=""
ENV PATH=/usr/local/bin:$PATH
RUN <<EOF
ENV DB_PASSWORD=p4ss-Q7w9-zX2k
echo "a heredoc body is not an instruction"
EOF
COPY <<-"CONF" /etc/app.conf
	ENV API_TOKEN=tok-Q7w9-zX2k
	CONF
LABEL org.opencontainers.image.title="app" secret_note="p4ss-Q7w9"
ENV DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app
