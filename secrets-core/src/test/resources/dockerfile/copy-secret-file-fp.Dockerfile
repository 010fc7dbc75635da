FROM python:3.12-slim
COPY . .
COPY .env.example /app/.env
COPY id_rsa.pub /root/.ssh/authorized_keys
COPY certs/ca.pem /usr/local/share/ca-certificates/ca.crt
ADD https://download.docker.com/linux/debian/gpg.key /etc/apt/keyrings/docker.key
COPY src/ /app/src/
COPY requirements.txt /app/.env
# COPY .env /app/.env
