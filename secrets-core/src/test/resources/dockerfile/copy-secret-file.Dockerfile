FROM python:3.12-slim
COPY .env /app/.env
COPY id_rsa /root/.ssh/id_rsa
ADD --chown=app:app certs/server.key /etc/ssl/private/
COPY ["credentials.json", "/app/"]
COPY .aws/ /root/.aws/
COPY package.json .npmrc ./
COPY --from=builder /root/.docker/config.json /root/.docker/config.json
COPY .env.production \
     client.p12 /app/
