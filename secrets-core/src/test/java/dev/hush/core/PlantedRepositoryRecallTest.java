package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanReport;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans a small project tree of our own making, the way a real repository leaks: Spring properties
 * and YAML, Django settings, a Node config and its .env, Laravel config, Go, Terraform variables, a
 * Kubernetes Secret, a CI workflow, a Dockerfile, a compose file, shell scripts, an SQL dump, .npmrc,
 * .pypirc, an AWS credentials file, a kubeconfig, provider tokens in code, and the files of servers, provisioning
 * and Windows hosts (Tomcat, WildFly, Jetty, RabbitMQ, Grafana, Prometheus, HAProxy, Postfix, OpenLDAP, SNMP, Cisco
 * IOS, strongSwan, OpenVPN, Airflow; cloud-init, kickstart, preseed, Packer, ARM, CloudFormation, Pulumi; unattend.xml
 * and PowerShell), build tools' credentials, admin command lines and a wallet's keys. Each planted credential
 * is written between {@code «»} on its line; around them sit the values a scanner must leave alone:
 * placeholders, environment look-ups, test constants, hashes, UUIDs and version strings. Every value
 * is fake (sequential runs, hush in the name, or random-looking strings made for this test; hosts under .invalid
 * or example.org).
 *
 * <p>The test pins how many planted lines hush finds and how many findings fall on a line with nothing
 * planted; a better figure is welcome: raise {@link #FOUND} or lower {@link #FALSE} with the change that
 * earned it. It prints what it missed and what it flagged by path, line and rule, never a value.
 */
class PlantedRepositoryRecallTest {
    /** Planted lines found, at least. */
    private static final int FOUND = 317;
    /** Findings on lines where nothing is planted, at most. */
    private static final int FALSE = 0;

    @Test
    void findsThePlantedCredentialsOfARealisticProjectAndLittleElse(@TempDir Path root) throws IOException {
        Map<String, Set<Integer>> planted = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : tree().entrySet()) {
            StringBuilder text = new StringBuilder();
            String[] lines = file.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.contains("«")) {
                    planted.computeIfAbsent(file.getKey(), k -> new TreeSet<>()).add(i + 1);
                    line = line.replace("«", "").replace("»", "");
                }
                text.append(line).append(i + 1 < lines.length ? "\n" : "");
            }
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, text);
        }

        ScanReport report = Hush.scan().root(root).call();

        Set<String> found = new TreeSet<>();
        List<String> falseFindings = new ArrayList<>();
        for (Finding finding : report.findings()) {
            String path = finding.location().path().replace('\\', '/');
            int line = finding.location().line();
            if (planted.getOrDefault(path, Set.of()).contains(line)) {
                found.add(path + ":" + line);
            } else {
                falseFindings.add(path + ":" + line + " " + finding.ruleId() + " (" + finding.severity() + ")");
            }
        }
        List<String> missed = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, Set<Integer>> file : planted.entrySet()) {
            for (int line : file.getValue()) {
                total++;
                if (!found.contains(file.getKey() + ":" + line)) {
                    missed.add(file.getKey() + ":" + line);
                }
            }
        }
        System.out.printf("planted repository: %d/%d planted lines found, %d false findings%n",
                found.size(), total, falseFindings.size());
        missed.forEach(m -> System.out.println("  missed " + m));
        falseFindings.forEach(f -> System.out.println("  false  " + f));

        assertThat(found.size()).as("planted lines found (missed: %s)", missed).isGreaterThanOrEqualTo(FOUND);
        assertThat(falseFindings).as("findings where nothing is planted").hasSizeLessThanOrEqualTo(FALSE);
    }

    /** Returns the project: path to text, with each planted credential between «». */
    private static Map<String, String> tree() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("orders-service/src/main/resources/application.properties", """
                spring.application.name=orders
                server.port=8080
                spring.datasource.url=jdbc:postgresql://db.hush.invalid:5432/orders
                spring.datasource.username=orders_app
                spring.datasource.password=«Vb7qR2nLx9Tk4Wm»
                spring.jpa.hibernate.ddl-auto=validate
                spring.mail.password=${MAIL_PASSWORD}
                app.jwt.secret=«c2VjcmV0LWtleS1mb3ItaHVzaC10ZXN0cy1vbmx5LTAxMjM0NTY3ODk»
                app.build.version=2.14.3
                app.instance-id=3f2b9c4e-8a1d-4e6f-9b0c-7d5e2a1f8c3b
                management.endpoints.web.exposure.include=health,info
                """);
        files.put("orders-service/src/main/resources/application.yml", """
                spring:
                  datasource:
                    url: jdbc:mysql://mysql.hush.invalid:3306/shop?user=shop&password=«Qw3rTy8uIo2pAsHk»
                    password: ${DB_PASSWORD:}
                  data:
                    redis:
                      password: «Rd5sK8mQ2vXz7Lp»
                  security:
                    oauth2:
                      client:
                        registration:
                          github:
                            client-id: Iv1.8a61f9b3a7aba766
                            client-secret: «3f1e9c7b5a2d4f6e8c0b1a3d5f7e9c2b4a6d8f0e»
                aws:
                  s3:
                    bucket: orders-invoices
                logging:
                  level:
                    root: INFO
                """);
        files.put("orders-service/src/main/java/org/example/orders/PaymentClient.java", """
                package org.example.orders;

                final class PaymentClient {
                    private static final String STRIPE_KEY = "«sk_live_HushPlanted0123456789abcdefGHIJ»";
                    private static final String API_VERSION = "2024-06-20";
                    private static final String SERVICE_TOKEN = "«eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvcmRlcnMtc2VydmljZSIsImlzcyI6Imh1c2gtcGxhbnRlZCIsImV4cCI6NDEwMjQ0NDgwMH0.Qm9ndXNTaWduYXR1cmVGb3JIdXNoVGVzdHNPbmx5MDE»";
                    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
                    private static final String MERCHANT_ID = "7d5e2a1f-8c3b-4e6f-9b0c-3f2b9c4e8a1d";
                    private final String password = System.getenv("PAYMENTS_DB_PASSWORD");
                    private final String url = "jdbc:sqlserver://sql.hush.invalid:1433;databaseName=pay;user=pay;password=«Mx4vT9qL2kRz7»";
                }
                """);
        files.put("orders-service/src/test/java/org/example/orders/PaymentClientTest.java", """
                package org.example.orders;

                class PaymentClientTest {
                    private static final String PASSWORD = "test";
                    private static final String TOKEN = "dummy-token";
                    private static final String USER_ID = "00000000-0000-0000-0000-000000000000";
                }
                """);
        files.put("web/settings.py", """
                import os

                SECRET_KEY = '«django-insecure-7h#k2$m9@x!q4w&z8p3v6b1n5c0r»'
                DEBUG = False
                ALLOWED_HOSTS = ['orders.example.org']
                DATABASES = {
                    'default': {
                        'ENGINE': 'django.db.backends.postgresql',
                        'NAME': 'orders',
                        'USER': 'orders',
                        'PASSWORD': '«pG4vN8kR2mXq6Tz»',
                        'HOST': 'db',
                    }
                }
                EMAIL_HOST_PASSWORD = os.environ.get('EMAIL_HOST_PASSWORD')
                STRIPE_SECRET_KEY = os.getenv("STRIPE_SECRET_KEY", "")
                SENDGRID_API_KEY = "«SG.aBcDeFgHiJkLmNoPqRsTuV.wXyZ0123456789abcdefghijklmnopqrstuvwxyzABC»"
                STATIC_URL = '/static/'
                CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
                """);
        files.put("web/ai/client.py", """
                from openai import OpenAI

                OPENAI_API_KEY = "«sk-proj-HushPlanted0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJT3BlbkFJklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP»"
                MODEL = "gpt-4o-mini"
                client = OpenAI(api_key=OPENAI_API_KEY)
                """);
        files.put("api/config/default.js", """
                module.exports = {
                  port: process.env.PORT || 3000,
                  db: { uri: '«mongodb://orders:mG7kQ2xV9pLw@mongo.hush.invalid:27017/orders?authSource=admin»' },
                  session: { secret: process.env.SESSION_SECRET },
                  github: { token: '«ghp_HushPlanted0123456789abcdefghijKLMNO»' },
                  slack: { webhook: '«https://hooks.slack.com/services/T0123ABCD/B0456EFGH/HushPlanted0123456789abc»' },
                  version: '4.2.1',
                  cacheKey: 'orders:v2',
                };
                """);
        files.put("api/.env", """
                NODE_ENV=production
                DATABASE_URL=«postgres://app:Pz8xL3qN7vKt@db:5432/app»
                STRIPE_SECRET_KEY=«sk_live_HushPlantedEnv0123456789abcdefGH»
                OPENAI_API_KEY=
                JWT_EXPIRES_IN=3600
                LOG_LEVEL=info
                """);
        files.put("api/.env.example", """
                DATABASE_URL=postgres://user:password@localhost:5432/app
                STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
                API_TOKEN=<your-token>
                GITHUB_TOKEN=
                """);
        files.put("api/package.json", """
                {
                  "name": "orders-api",
                  "version": "4.2.1",
                  "dependencies": { "express": "^4.19.2" },
                  "packageManager": "pnpm@9.1.0+sha512.67f5879916a9293e5cf059c23853d571beaf4f753c707f40cb22bed5fb1578c6aad3b6c4107ccb3ba0b35be003eb621a16471ac836c87beb53f9d54bb4612724"
                }
                """);
        files.put("api/.npmrc", """
                @orders:registry=https://npm.example.org/
                //registry.npmjs.org/:_authToken=«npm_HushPlanted0123456789abcdefghijklmno»
                always-auth=true
                """);
        files.put("shop/config/database.php", """
                <?php

                return [
                    'default' => env('DB_CONNECTION', 'mysql'),
                    'connections' => [
                        'mysql' => [
                            'host' => env('DB_HOST', '127.0.0.1'),
                            'username' => env('DB_USERNAME', 'forge'),
                            'password' => env('DB_PASSWORD', '«Lr6pW2qZ9xNm»'),
                        ],
                    ],
                    'redis' => ['password' => env('REDIS_PASSWORD', null)],
                ];
                """);
        files.put("shop/config/services.php", """
                <?php

                return [
                    'mailgun' => [
                        'domain' => 'mg.example.org',
                        'secret' => '«key-3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e»',
                    ],
                    'stripe' => ['key' => env('STRIPE_KEY')],
                ];
                """);
        files.put("worker/main.go", """
                package main

                import "os"

                const apiVersion = "v1.8.2"

                var awsAccessKeyID = "«AKIAQ7RHUSHZ2X4V6B3N»"
                var awsSecretAccessKey = "«Hx9Qw2Er7Ty4Ui1Op6As3Df8Gh5Jk0Lz/Xc+Vb2N»"

                func main() {
                	dsn := "host=db user=app «password=Gq5mT8vL2xKp» dbname=app sslmode=disable"
                	token := os.Getenv("GITHUB_TOKEN")
                	_ = dsn + token
                }
                """);
        files.put("infra/terraform.tfvars", """
                region          = "eu-west-1"
                instance_type   = "t3.medium"
                db_password     = "«Tf9kR3mQ7xLv2Np»"
                datadog_api_key = "«0123456789abcdef0123456789abcdef»"
                ami             = "ami-0c55b159cbfafe1f0"
                """);
        files.put("infra/variables.tf", """
                variable "db_password" {
                  type      = string
                  sensitive = true
                }
                """);
        files.put("k8s/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: orders-db
                type: Opaque
                data:
                  username: b3JkZXJz
                  password: «S3E0bVo4dlIyeExwN1R3»
                stringData:
                  api-key: «hK7mQ2xV9pLw4RtZ»
                """);
        files.put("k8s/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: orders
                spec:
                  template:
                    spec:
                      containers:
                        - name: orders
                          image: registry.example.org/orders:2.14.3
                          env:
                            - name: DB_PASSWORD
                              valueFrom:
                                secretKeyRef:
                                  name: orders-db
                                  key: password
                """);
        files.put("deploy/kubeconfig", """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    server: https://k8s.hush.invalid:6443
                  name: prod
                users:
                - name: deployer
                  user:
                    token: «eyJhbGciOiJSUzI1NiIsImtpZCI6Imh1c2gtcGxhbnRlZC1raWQifQ.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoic3lzdGVtOnNlcnZpY2VhY2NvdW50OmNpOmRlcGxveWVyIn0.U2lnbmF0dXJlT2ZBRmFrZVNlcnZpY2VBY2NvdW50VG9rZW5Gb3JIdXNo»
                contexts:
                - context:
                    cluster: prod
                    user: deployer
                  name: prod
                current-context: prod
                """);
        files.put(".github/workflows/deploy.yml", """
                name: deploy
                on: push
                env:
                  REGISTRY: ghcr.io
                  DOCKER_PASSWORD: ${{ secrets.DOCKER_PASSWORD }}
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: echo «dckr_pat_HushPlanted0123456789abcdefg» | docker login -u orders --password-stdin
                      - run: ./gradlew publish -PrepoPassword=${{ secrets.REPO_PASSWORD }}
                """);
        files.put("Dockerfile", """
                FROM node:20-alpine
                ARG NPM_TOKEN
                ENV NODE_ENV=production
                ENV MYSQL_ROOT_PASSWORD=«Dk3vP8qL5mXz2Rt»
                RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
                EXPOSE 3000
                """);
        files.put("docker-compose.yml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_USER: app
                      POSTGRES_PASSWORD: «Cp7wN3kQ9xLv»
                  queue:
                    image: rabbitmq:3-management
                    environment:
                      - RABBITMQ_DEFAULT_USER=orders
                      - RABBITMQ_DEFAULT_PASS=«Rb4mK8vQ2xTz»
                  app:
                    image: registry.example.org/orders:2.14.3
                    environment:
                      SPRING_DATASOURCE_PASSWORD: ${DB_PASSWORD}
                """);
        files.put("scripts/backup.sh", """
                #!/bin/sh
                set -eu
                «mysqldump -u root -pBk5vQ9mL2xRt shop» > /backup/shop.sql
                curl -fsS -u «deploy:Nx3kP7vQ2mLz» https://nexus.hush.invalid/repository/backups/ -T /backup/shop.sql
                export PGPASSWORD=«Pg8vK2mQ5xLt»
                mysql -h db -u app -p"$DB_PASSWORD" shop < /backup/shop.sql
                echo "done at $(date +%F)"
                """);
        files.put("db/dump.sql", """
                -- MySQL dump 10.13
                CREATE USER 'report'@'%' IDENTIFIED BY '«Sq4vM8kL2xRz»';
                INSERT INTO settings (name, value) VALUES ('theme', 'dark');
                INSERT INTO users (id, email) VALUES (1, 'ops@example.org');
                """);
        files.put("tools/.pypirc", """
                [distutils]
                index-servers = pypi

                [pypi]
                username = __token__
                password = «pypi-AgEIcHlwaS5vcmcCJGHushPlanted0123456789abcdefghijklmnopqrstuvwxyzABCDEF»
                """);
        files.put("ops/.aws/credentials", """
                [default]
                aws_access_key_id = «AKIAZ3X5V7B2N4M6HUSH»
                aws_secret_access_key = «Jk8Lm2Np4Qr6St9Uv1Wx3Yz5Ab7Cd0Ef/Gh+Ij2K»
                region = eu-west-1
                """);
        files.put("README.md", """
                # orders

                Copy `api/.env.example` to `api/.env` and fill in your keys:

                    export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
                    curl -u USERNAME:PASSWORD https://nexus.example.org/

                Version 2.14.3, build 7d5e2a1f.
                """);
        files.put("billing/appsettings.json", """
                {
                  "Logging": { "LogLevel": { "Default": "Information" } },
                  "ConnectionStrings": {
                    "Billing": "«Server=sql.hush.invalid;Database=billing;User Id=billing;Password=Wq7vK2mN9xLr;»",
                    "Storage": "«DefaultEndpointsProtocol=https;AccountName=hushbilling;AccountKey=SHVzaFBsYW50ZWRTdG9yYWdlQWNjb3VudEtleTAxMjM0NTY3ODlhYmNkZWZnaGlqa2xtbm9wcQ==;EndpointSuffix=core.windows.net»"
                  },
                  "Jwt": { "Issuer": "billing", "Audience": "billing-clients", "ExpiresMinutes": 60 },
                  "AllowedHosts": "*"
                }
                """);
        files.put("billing/gradle.properties", """
                org.gradle.jvmargs=-Xmx2g
                version=1.4.0-SNAPSHOT
                ossrhUsername=hush-release
                ossrhPassword=«Gr4vK9mQ2xLt7Np»
                signing.keyId=0A1B2C3D
                """);
        files.put("billing/settings.xml", """
                <settings>
                  <servers>
                    <server>
                      <id>corp-releases</id>
                      <username>deployer</username>
                      <password>«Mv5kQ8xL2pRt9Wz»</password>
                    </server>
                    <server>
                      <id>corp-snapshots</id>
                      <username>${env.REPO_USER}</username>
                      <password>${env.REPO_PASSWORD}</password>
                    </server>
                  </servers>
                </settings>
                """);
        files.put("ops/docker/config.json", """
                {
                  "auths": {
                    "registry.example.org": { "auth": "«Y2ktYm90OldkOGtRM21WN3hMcA==»" }
                  },
                  "credsStore": "desktop"
                }
                """);
        files.put("ops/.netrc", """
                machine api.hush.invalid
                  login deploy
                  «password Nt6vQ2mK9xLp»
                """);
        files.put("ops/.git-credentials", """
                «https://ci-bot:ghp_HushPlantedGitCred0123456789abcdefgh@github.com»
                """);
        files.put("ops/ansible/group_vars/all.yml", """
                ansible_user: deploy
                «ansible_become_pass: Ab7vK3mQ9xLt»
                app_port: 8080
                app_secret_name: orders-tls
                vault_db_password: "{{ lookup('env', 'DB_PASSWORD') }}"
                """);
        files.put("ops/helm/values.yaml", """
                replicaCount: 2
                image:
                  repository: registry.example.org/orders
                  tag: 2.14.3
                postgresql:
                  auth:
                    username: orders
                    «password: Hv4kQ8mL2xRt»
                    existingSecret: ""
                tls:
                  secretName: orders-tls
                  key: tls.key
                """);
        files.put("ops/redis/docker-compose.override.yml", """
                services:
                  cache:
                    image: redis:7
                    command: «redis-server --requirepass Rq5vK8mL2xTz»
                """);
        files.put("ops/terraform/main.tf", """
                provider "aws" {
                  region     = "eu-west-1"
                  access_key = "«AKIAR4T6Y2U3I5O7HUSH»"
                  secret_key = "«Qp2Wo4Ei6Ru8Ty0Ui3Op5As7Df9Gh1Jk/Lz+Xc4V»"
                }

                resource "aws_db_instance" "orders" {
                  username = "orders"
                  password = var.db_password
                }
                """);
        files.put("ops/gcp/service-account.json", """
                {
                  "type": "service_account",
                  "project_id": "hush-planted",
                  "private_key_id": "0123456789abcdef0123456789abcdef01234567",
                  "client_email": "orders@hush-planted.iam.gserviceaccount.com",
                  "client_id": "123456789012345678901"
                }
                """);
        files.put("notify/app.py", """
                import requests
                from flask import Flask

                app = Flask(__name__)
                app.config['SECRET_KEY'] = '«f7Kq2Lm9Xv4Nb8Rt3Wz6Yp»'
                SLACK_BOT_TOKEN = "«xoxb-123456789012-1234567890123-HushPlantedBot0123456789»"
                TWILIO_AUTH_TOKEN = "«0f1e2d3c4b5a69788796a5b4c3d2e1f0»"
                PASSWORD_MIN_LENGTH = 12
                TOKEN_TYPE = "Bearer"

                def send(msg):
                    «return requests.post(URL, json=msg, auth=('notify', 'Rn3vK7mQ2xLp'))»
                """);
        files.put("notify/db.js", """
                const { Pool } = require('pg');
                const pool = new Pool({
                  host: 'db',
                  user: 'notify',
                  «password: 'Np8vK3mQ6xLt',»
                  database: 'notify',
                });
                const apiKeyHeader = 'X-API-Key';
                module.exports = pool;
                """);
        files.put("notify/store.go", """
                package notify

                import "database/sql"

                func open() (*sql.DB, error) {
                	return sql.Open("mysql", "«notify:Gm6vK2mQ9xLt@tcp(db:3306)/notify»")
                }
                """);
        files.put("shop/src/Db.php", """
                <?php
                $pdo = new PDO('mysql:host=db;dbname=shop', 'shop', '«Pd4vK8mQ2xLt»');
                $stripePublishable = 'pk_live_0123456789abcdefghijklmn';
                """);
        files.put("web/locale/en.json", """
                {
                  "password": "Password",
                  "forgot_password": "Forgot your password?",
                  "token_expired": "Your session token has expired"
                }
                """);
        files.put("Jenkinsfile", """
                pipeline {
                  agent any
                  stages {
                    stage('deploy') {
                      steps {
                        withCredentials([string(credentialsId: 'deploy-token', variable: 'TOKEN')]) {
                          sh 'curl -H "Authorization: Bearer $TOKEN" https://deploy.hush.invalid/'
                        }
                        «sh 'curl -H "X-Api-Key: 9f8Kq2LmX7vB3nRtHushPlanted" https://status.hush.invalid/'»
                      }
                    }
                  }
                }
                """);
        files.put("api/go.sum", """
                github.com/lib/pq v1.10.9 h1:YXG7RB+JIjhP29X+OtkiDnYaXQwpS4JEWq7dtCCRUEw=
                github.com/lib/pq v1.10.9/go.mod h1:AlVN5x4E4T544tWzH6hKfbfQvm3HdbOxrmggDNAPY9o=
                """);
        files.put("blog/wp-config.php", """
                <?php
                define( 'DB_NAME', 'blog' );
                define( 'DB_USER', 'blog' );
                «define( 'DB_PASSWORD', 'Wp7vK2mQ9xLtNr' );»
                define( 'DB_HOST', 'db' );
                «define( 'AUTH_KEY', 'q#7Lm^2Xv@9Nb!4Rt&8Wz*3Yp(6Kd)1Hs_5Jf+0Gc' );»
                define( 'WP_DEBUG', false );
                $table_prefix = 'wp_';
                """);
        files.put("rails/config/database.yml", """
                production:
                  adapter: postgresql
                  database: shop_production
                  username: shop
                  password: <%= ENV["SHOP_DATABASE_PASSWORD"] %>
                staging:
                  adapter: postgresql
                  «password: Rs4vK8mQ2xLtPw»
                """);
        files.put("rails/config/secrets.yml", """
                production:
                  «secret_key_base: 4f1e9c7b5a2d4f6e8c0b1a3d5f7e9c2b4a6d8f0e1c3b5a7d9f2e4c6b8a0d1f3e5c7b9a2d4f6e8c0b1a3d5f7e9c2b4a6d8f0e1c3b5a7d9f2e4c6b8a0d1f3»
                """);
        files.put("rails/config/initializers/stripe.rb", """
                «Stripe.api_key = 'sk_live_HushPlantedRuby0123456789abcdefGH'»
                Stripe.api_version = '2024-06-20'
                """);
        files.put("legacy/src/main/java/org/example/legacy/Dao.java", """
                package org.example.legacy;

                import java.sql.Connection;
                import java.sql.DriverManager;

                final class Dao {
                    Connection open() throws Exception {
                        «return DriverManager.getConnection("jdbc:mysql://db:3306/legacy", "legacy", "Lg5vK9mQ2xLt");»
                    }
                }
                """);
        files.put("legacy/src/main/kotlin/org/example/legacy/Maps.kt", """
                package org.example.legacy

                object Maps {
                    «const val GOOGLE_MAPS_API_KEY = "AIzaSyHushPlanted0123456789abcdefghijkl"»
                    const val ZOOM = 12
                }
                """);
        files.put("etl/load.py", """
                import psycopg2

                «conn = psycopg2.connect(host="db", user="etl", password="Et3vK7mQ2xLp", dbname="warehouse")»
                BATCH_SIZE = 500
                """);
        files.put("etl/.pgpass", """
                «db.hush.invalid:5432:warehouse:etl:Pp6vK2mQ9xLt»
                """);
        files.put("auth/jwt.go", """
                package auth

                «var jwtKey = []byte("Jw8vK3mQ6xLtHushPlantedSigningKey")»

                const issuer = "orders"
                """);
        files.put("Makefile", """
                db:
                	«docker run -d --name db -e POSTGRES_PASSWORD=Mk4vK8mQ2xLt -p 5432:5432 postgres:16»
                test:
                	go test ./...
                """);
        files.put(".gitlab-ci.yml", """
                variables:
                  DOCKER_DRIVER: overlay2
                  «SONAR_TOKEN: "squ_0123456789abcdef0123456789abcdef01234567"»
                deploy:
                  script:
                    - «git clone https://oauth2:glpat-HushPlanted012345678@gitlab.example.org/ops/deploy.git»
                    - echo "$CI_JOB_TOKEN" | docker login -u gitlab-ci-token --password-stdin $CI_REGISTRY
                """);
        files.put("ops/htpasswd", """
                «admin:$apr1$Hu5hPl4n$Ab3dEfGh1jKlMn0pQrStU/»
                """);
        files.put("scripts/env.sh", """
                #!/bin/sh
                «export GITHUB_TOKEN=ghp_HushPlantedShell0123456789abcdefghij»
                export PATH="$HOME/bin:$PATH"
                export APP_VERSION=2.14.3
                """);
        files.put("ci/deploy.gitlab-ci.yml", """
                .deploy:
                  image: docker:24
                  services:
                    - docker:24-dind
                  variables:
                    DOCKER_TLS_CERTDIR: "/certs"
                    «REGISTRY_PASSWORD: "Gl7vK3mQ9xLtRw2"»
                    DEPLOY_TOKEN: $CI_DEPLOY_PASSWORD
                  script:
                    - docker login -u deployer -p "$REGISTRY_PASSWORD" registry.example.org
                """);
        files.put("bots/notifier.py", """
                import telebot

                «bot = telebot.TeleBot("7012345678:AAHushPlanted0123456789abcdefghijkL")»
                CHAT_ID = -1001234567890
                """);
        files.put("provision/users.sh", """
                #!/bin/bash
                useradd -m -s /bin/bash deploy
                «sh -c "echo \\"deploy:Ch4vK8mQ2xLt\\" | chpasswd"»
                echo "deploy ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/deploy
                """);
        files.put("inventory/db.ini", """
                [mysql]
                host = db.hush.invalid
                user = shop
                «password = admin»
                pool_size = 10
                """);
        files.put("tools/seed.py", """
                import psycopg2

                ADMIN_USER = "ops"
                «ADMIN_PASSWORD = "purple tractor orbit lantern"»
                PASSWORD_HINT = "at least twelve characters"
                """);
        files.put("legacy/src/main/resources/db.properties", """
                db.driver=com.mysql.cj.jdbc.Driver
                db.url=jdbc:mysql://db:3306/legacy
                db.user=legacy
                «db.password=pass123»
                db.pool.size=8
                """);
        files.put("notify/mailer.js", """
                const nodemailer = require('nodemailer');
                const transport = nodemailer.createTransport({
                  host: 'smtp.hush.invalid',
                  port: 587,
                  auth: { user: 'notify@example.org', «pass: 'Ml5vK9mQ2xLtSm'» },
                });
                const discord = '«https://discord.com/api/webhooks/123456789012345678/HushPlantedDiscordWebhook0123456789abcdefghijklmnopqrstuvwxyzABCD»';
                """);
        files.put("analysis/explore.ipynb", """
                {
                 "cells": [
                  {
                   "cell_type": "code",
                   "execution_count": 1,
                   "metadata": {},
                   "outputs": [],
                   "source": [
                    "import os\\n",
                    «"WEATHER_API_KEY = \\"9c4f2a7e1b8d3f6a0c5e2b9d7f1a4c8e\\"\\n",»
                    "HOME = os.environ.get(\\"HOME\\")\\n"
                   ]
                  }
                 ],
                 "nbformat": 4,
                 "nbformat_minor": 5
                }
                """);
        files.put("ops/.bash_history", """
                cd /srv/orders
                «mysql -u root -pHs7vK2mQ9xLt orders»
                «export AWS_SECRET_ACCESS_KEY=Zx3Cv5Bn7Mq9Wr2Et4Yu6Io8Pa1Sd/Fg+Hj0Kl3L»
                docker ps
                """);
        files.put("billing/Web.config", """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <connectionStrings>
                    «<add name="Billing" connectionString="Data Source=sql.hush.invalid;Initial Catalog=billing;User ID=sa;Password=Wc4vK8mQ2xLt;" providerName="System.Data.SqlClient" />»
                    <add name="Reports" connectionString="Data Source=sql.hush.invalid;Initial Catalog=reports;Integrated Security=True" />
                  </connectionStrings>
                  <appSettings>
                    <add key="SmtpHost" value="smtp.hush.invalid" />
                    «<add key="SmtpPassword" value="Sp6vK2mQ9xLtWc" />»
                    <add key="Version" value="3.1.4" />
                  </appSettings>
                </configuration>
                """);
        files.put(".circleci/config.yml", """
                version: 2.1
                jobs:
                  test:
                    docker:
                      - image: cimg/python:3.12
                        auth:
                          username: orders
                          «password: Cc8vK3mQ6xLtCi»
                      - image: cimg/postgres:16.2
                        environment:
                          POSTGRES_USER: circle
                    steps:
                      - checkout
                """);
        files.put("api/src/server.js", """
                const express = require('express');
                const session = require('express-session');
                const app = express();
                «app.use(session({ secret: 'Ex7vK2mQ9xLtSessionKey', resave: false }));»
                const sgMail = require('@sendgrid/mail');
                «sgMail.setApiKey('SG.HushPlanted01234567890.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ');»
                app.listen(process.env.PORT || 3000);
                """);
        files.put("worker/mail.go", """
                package main

                import "net/smtp"

                func auth() smtp.Auth {
                	«return smtp.PlainAuth("", "worker@example.org", "Gs5vK8mQ2xLt", "smtp.hush.invalid")»
                }
                """);
        files.put("inventory/hosts", """
                [web]
                «web1 ansible_host=10.0.0.5 ansible_user=deploy ansible_password=An5vK8mQ2xLt»
                web2 ansible_host=10.0.0.6 ansible_user=deploy

                [web:vars]
                ansible_python_interpreter=/usr/bin/python3
                """);
        files.put("ops/google/client_secret.json", """
                {
                  "installed": {
                    "client_id": "123456789012-hushplanted0123456789abcdefgh.apps.googleusercontent.com",
                    "project_id": "hush-planted",
                    "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                    «"client_secret": "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",»
                    "redirect_uris": ["http://localhost"]
                  }
                }
                """);
        files.put("shop/src/Mailer.php", """
                <?php
                $mail = new PHPMailer(true);
                $mail->Host = 'smtp.hush.invalid';
                $mail->Username = 'shop@example.org';
                «$mail->Password = 'Pm3vK7mQ2xLtPh';»
                $mail->Port = 587;
                """);
        files.put("ops/mysql/my.cnf", """
                [client]
                user = root
                «password = root»
                host = 127.0.0.1

                [mysqld]
                max_connections = 200
                """);
        files.put("ops/redis/redis.conf", """
                bind 0.0.0.0
                port 6379
                «requirepass Rc6vK2mQ9xLtRd»
                maxmemory 256mb
                """);
        files.put("k8s/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: orders-config
                data:
                  LOG_LEVEL: info
                  «SMTP_PASSWORD: "Km4vK8mQ2xLtCf"»
                  FEATURE_FLAGS: "checkout,search"
                """);
        files.put("notify/teams.py", """
                import requests

                «TEAMS_WEBHOOK = "https://hushplanted.webhook.office.com/webhookb2/7d5e2a1f-8c3b-4e6f-9b0c-3f2b9c4e8a1d@3f2b9c4e-8a1d-4e6f-9b0c-7d5e2a1f8c3b/IncomingWebhook/0123456789abcdef0123456789abcdef/7d5e2a1f-8c3b-4e6f-9b0c-3f2b9c4e8a1d"»
                «headers = {"Authorization": "Bearer Tm8vK3mQ6xLtHushPlantedBearer01"}»
                TIMEOUT = 30
                """);
        files.put("legacy/src/main/java/org/example/legacy/Mail.java", """
                package org.example.legacy;

                import javax.mail.PasswordAuthentication;

                final class Mail {
                    PasswordAuthentication auth() {
                        «return new PasswordAuthentication("legacy@example.org", "Jm2vK6mQ9xLtMa");»
                    }
                }
                """);
        files.put("ops/deploy.sh", """
                #!/bin/bash
                set -euo pipefail
                «docker login -u deployer -p Dl4vK8mQ2xLtRg registry.example.org»
                docker login -u deployer --password-stdin registry.example.org < /run/secrets/registry
                «sshpass -p 'Sp7vK3mQ9xLtSh' ssh deploy@app.hush.invalid 'systemctl restart orders'»
                «kubectl create secret generic orders-db --from-literal=password=Kc5vK8mQ2xLtKs»
                kubectl create secret generic orders-tls --from-file=tls.crt=./tls.crt
                «redis-cli -h cache.hush.invalid -a Rc3vK7mQ2xLtCl ping»
                «git remote set-url origin https://deploy:Gt6vK2mQ9xLtRm@git.hush.invalid/ops/orders.git»
                «mongosh "mongodb+srv://orders:Mg8vK3mQ6xLtAt@cluster0.hush.invalid/orders"»
                «az login --service-principal -u 7d5e2a1f-8c3b-4e6f-9b0c-3f2b9c4e8a1d -p Az2vK8mQ5xLtSp --tenant 3f2b9c4e-8a1d-4e6f-9b0c-7d5e2a1f8c3b»
                «wget --user=ci --password=Wg4vK8mQ2xLtWt https://artifacts.hush.invalid/orders.tar.gz»
                keytool -list -keystore /etc/ssl/cacerts -storepass "$STOREPASS"
                """);
        files.put("orders-service/src/main/resources/application-prod.yml", """
                spring:
                  datasource:
                    username: orders
                    «password: ${DB_PASSWORD:Sd9vK3mQ7xLtDf}»
                  mail:
                    host: smtp.hush.invalid
                    password: ${MAIL_PASSWORD:}
                  rabbitmq:
                    «addresses: amqp://orders:Aq5vK2mQ8xLtRb@rabbit.hush.invalid:5672»
                """);
        files.put("ops/ansible/group_vars/db.yml", """
                mysql_root_user: root
                «mysql_root_password: My7vK3mQ9xLtRt»
                mysql_databases:
                  - name: orders
                «ansible_ssh_pass: As4vK8mQ2xLtSs»
                mysql_replication_password: "{{ vault_replication_password }}"
                """);
        files.put("ops/helm/redis-values.yaml", """
                architecture: standalone
                auth:
                  enabled: true
                  «password: "Hr6vK2mQ9xLtRv"»
                  existingSecret: ""
                master:
                  persistence:
                    size: 8Gi
                """);
        files.put(".github/workflows/release.yml", """
                name: release
                on:
                  push:
                    tags: ['v*']
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/login-action@v3
                        with:
                          username: orders
                          «password: Gh8vK3mQ6xLtDl»
                      - run: npm publish
                        env:
                          «NODE_AUTH_TOKEN: npm_Hu5hPl4nt3dK9mQ2xLtVb7Rw3Nz8Pq4Ty6U»
                          NPM_CONFIG_PROVENANCE: true
                """);
        files.put(".travis.yml", """
                language: python
                env:
                  global:
                    - «SONAR_TOKEN=7f3a9c1e5b2d8f4a6c0e9b1d7f3a5c8e2b4d6f8a»
                    - PYTHONUNBUFFERED=1
                script: pytest
                """);
        files.put("rails/config/environments/production.rb", """
                Rails.application.configure do
                  config.action_mailer.smtp_settings = {
                    address: 'smtp.hush.invalid',
                    user_name: 'shop@example.org',
                    «password: 'Rb4vK8mQ2xLtSm',»
                    authentication: :plain
                  }
                end
                """);
        files.put("shop/auth.json", """
                {
                  "http-basic": {
                    "repo.example.org": {
                      "username": "shop",
                      «"password": "Cp3vK7mQ2xLtAj"»
                    }
                  }
                }
                """);
        files.put("tools/pip.conf", """
                [global]
                «index-url = https://ci:Pi5vK8mQ2xLtPc@pypi.hush.invalid/simple»
                timeout = 60
                """);
        files.put("etl/s3.py", """
                import boto3

                «s3 = boto3.client("s3", aws_access_key_id="AKIAT4Y6U8I2O3P5HUSH", aws_secret_access_key="Bq7Wn3Er5Ty9Ui2Op4As6Df8Gh0Jk1Lz/Xc+Vb3M")»
                BUCKET = "orders-exports"
                """);
        files.put("billing/src/Mailer.cs", """
                using System.Net;

                class Mailer {
                    «NetworkCredential credential = new NetworkCredential("billing@example.org", "Nc6vK2mQ9xLtBl");»
                    string host = "smtp.hush.invalid";
                }
                """);
        files.put("phoenix/config/prod.secret.exs", """
                import Config

                config :orders, Orders.Repo,
                  username: "orders",
                  «password: "Px5vK8mQ2xLtEx",»
                  pool_size: 10

                config :orders, OrdersWeb.Endpoint,
                  «secret_key_base: "Hk3mQ8vL2xRt7WzNp4Ys9Bc6Df1Gh5Jk0Lm3Nq8Rs2Tu7Vw4Xy9Za6Bc1De5Fg0Hi3Jk8Lm2"»
                """);
        files.put("worker/config.toml", """
                [server]
                port = 8080

                [database]
                user = "worker"
                «password = "Tm4vK9mQ2xLtTo"»
                max_open = 20
                """);
        files.put("ops/supervisord.conf", """
                [inet_http_server]
                port = 127.0.0.1:9001
                username = ops
                «password = Sv7vK3mQ9xLtSd»
                """);
        files.put("stripe/webhook.js", """
                const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);
                «const endpointSecret = 'whsec_Hu5hPl4nt3dK9mQ2xLtVb7Rw3Nz8Pq4Ty';»
                «const twilio = require('twilio')('AC7d5e2a1f8c3b4e6f9b0c3f2b9c4e8a1d', 'a3f9c1e5b7d2f4a6c8e0b9d1f7a3c5e8');»
                const apiVersion = '2024-06-20';
                """);
        files.put("notify/cache.py", """
                import redis

                «REDIS_URL = "redis://:Rz4vK8mQ2xLtRu@cache.hush.invalid:6379/0"»
                «r = redis.Redis(host="cache", port=6379, password="Ry7vK3mQ9xLtRp")»
                CACHE_TTL = 300
                """);
        files.put("ops/.zsh_history", """
                : 1700000000:0;cd /srv/orders
                «: 1700000100:0;export DATABASE_PASSWORD=Zh5vK8mQ2xLtZs»
                «: 1700000200:0;psql "postgresql://orders:Zp3vK7mQ2xLtPq@db.hush.invalid/orders"»
                : 1700000300:0;git status
                """);
        files.put("api/.yarnrc.yml", """
                nodeLinker: node-modules
                npmRegistryServer: "https://npm.hush.invalid"
                «npmAuthToken: "Yn6vK2mQ9xLtYarnHushToken01"»
                """);
        files.put("ops/.s3cfg", """
                [default]
                «access_key = AKIAW3E5R7T9Y2U4HUSH»
                «secret_key = Cx8Vb2Nm4Qw6Er8Ty0Ui2Op4As6Df8Gh0Jk2Lz+X»
                host_base = s3.hush.invalid
                """);
        files.put("ops/azure/sp.json", """
                {
                  "tenantId": "3f2b9c4e-8a1d-4e6f-9b0c-7d5e2a1f8c3b",
                  "clientId": "7d5e2a1f-8c3b-4e6f-9b0c-3f2b9c4e8a1d",
                  «"clientSecret": "Qx8~Hu5hPl4nt3dK9mQ2xLtVb7Rw3Nz8Pq4Ty6",»
                  "subscriptionId": "9b0c3f2b-9c4e-8a1d-4e6f-7d5e2a1f8c3b"
                }
                """);
        files.put("infra/terraform.tfstate", """
                {
                  "version": 4,
                  "resources": [
                    {
                      "type": "aws_db_instance",
                      "instances": [
                        «{ "attributes": { "username": "orders", "password": "Ts6vK2mQ9xLtSt", "engine": "postgres" } }»
                      ]
                    }
                  ]
                }
                """);
        files.put("legacy/settings.gradle.kts", """
                dependencyResolutionManagement {
                    repositories {
                        maven {
                            url = uri("https://maven.hush.invalid/releases")
                            credentials {
                                username = "ci"
                                «password = "Gk4vK8mQ2xLtKt"»
                            }
                        }
                    }
                }
                """);
        files.put("shop/application/config/database.php", """
                <?php
                $db['default']['hostname'] = 'db';
                $db['default']['username'] = 'shop';
                «$db['default']['password'] = 'Cd2vK8mQ5xLtCd';»
                $db['default']['dbdriver'] = 'mysqli';
                """);
        files.put("legacy/src/main/resources/mail.properties", """
                mail.smtp.host=smtp.hush.invalid
                mail.smtp.user=alerts
                «mail.smtp.password=changeme»
                mail.smtp.port=587
                """);
        files.put("billing/src/Db.cs", """
                class Db {
                    «const string Conn = "Host=db;Username=app;Password=Np7vK3mQ9xLtNp;Database=app";»
                    const string Schema = "billing";
                }
                """);
        files.put("ops/deploy/id_ed25519", openSshKey());
        files.put(".envrc", """
                export AWS_PROFILE=orders
                «export DATABASE_PASSWORD=Er4vK8mQ2xLtEv»
                export DATABASE_URL="postgres://orders:${DATABASE_PASSWORD}@localhost/orders"
                """);
        files.put("gateway/src/config.rs", """
                «const API_TOKEN: &str = "Rs7vK3mQ9xLtRustApiToken01";»
                const API_VERSION: &str = "2024-06-20";
                const TOKEN_HEADER: &str = "X-Api-Token";
                """);
        files.put("web-ui/src/api.ts", """
                «const apiKey: string = 'Ts4vK8mQ2xLtTypedApiKey0';»
                const tokenStorageKey: string = 'orders.token';
                export const baseUrl: string = process.env.API_URL ?? '';
                """);
        files.put("ops/gh/hosts.yml", """
                github.com:
                    user: orders-bot
                    «oauth_token: gho_Hu5hPl4nt3dK9mQ2xLtVb7Rw3Nz8Pq4Ty6U»
                    git_protocol: https
                """);
        files.put("ops/.terraformrc", """
                credentials "app.terraform.io" {
                  «token = "Hu5hPl4nt3dK9mQ2x.atlasv1.Vb7Rw3Nz8Pq4Ty6UHu5hPl4nt3dK9mQ2xLtVb7Rw3Nz8Pq4Ty6UHu5hPl4nt3dK9mQ"»
                }
                """);
        files.put("ops/.vault-token", """
                «hvs.CAESIHu5hPl4nt3dK9mQ2xLtVb7Rw3Nz8Pq4Ty6UHu5h»
                """);
        files.put(".vscode/sftp.json", """
                {
                  "name": "prod",
                  "host": "ftp.hush.invalid",
                  "username": "deploy",
                  «"password": "Vs4vK8mQ2xLtSf",»
                  "remotePath": "/var/www"
                }
                """);
        files.put("functions/local.settings.json", """
                {
                  "IsEncrypted": false,
                  "Values": {
                    «"AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=hushfunc;AccountKey=SHVzaFBsYW50ZWRGdW5jdGlvbktleTAxMjM0NTY3ODlhYmNkZWZnaGlqa2xtbm9wcXJzdA==;EndpointSuffix=core.windows.net",»
                    "FUNCTIONS_WORKER_RUNTIME": "node"
                  }
                }
                """);
        files.put("edge/wrangler.toml", """
                name = "orders-worker"
                [vars]
                «API_TOKEN = "Wr7vK3mQ9xLtWranglerToken01"»
                ENVIRONMENT = "production"
                """);
        files.put("ops/wireguard/wg0.conf", """
                [Interface]
                Address = 10.0.0.2/24
                «PrivateKey = Hu5hPl4nt3dK9mQ2xLtVb7Rw3Nz8Pq4Ty6UHu5hPl4=»
                ListenPort = 51820
                """);
        files.put("lambda/serverless.yml", """
                service: orders
                provider:
                  name: aws
                  environment:
                    «STRIPE_SECRET: sk_live_Hu5hPl4nt3dK9mQ2xLtVb7Rw3Nz»
                    «DB_PASSWORD: Sl6vK2mQ9xLtSv»
                    STAGE: ${sls:stage}
                """);
        files.put("status/app.rb", """
                require 'sinatra'

                «set :session_secret, 'Ss6vK2mQ9xLtRackSessionKey0'»
                set :port, 4567
                set :sessions, true
                """);
        // A host's and a user's own configuration, committed with a dotfiles or provisioning repository.
        files.put("provision/files/wpa_supplicant.conf", """
                ctrl_interface=/run/wpa_supplicant
                network={
                    ssid="hush-office"
                    psk="«Qv7mT2xLp9Wz4Rb»"
                    key_mgmt=WPA-PSK
                }
                """);
        files.put("provision/files/fstab", """
                UUID=0a1b2c3d /boot ext4 defaults 0 2
                //fs01.hush.invalid/backups /mnt/backups cifs username=svc_backup,password=«Mk3Jd9Tq2Wz7Px»,uid=1000 0 0
                //fs01.hush.invalid/public /mnt/public cifs credentials=/root/.smbcredentials,uid=1000 0 0
                """);
        files.put("dotfiles/.msmtprc", """
                defaults
                auth on
                tls on
                account hush
                host smtp.hush.invalid
                user ann@hush.invalid
                password «Wq7Er4Ty1Ui8Op»
                account default : hush
                """);
        files.put("dotfiles/.hgrc", """
                [ui]
                username = Ann <ann@hush.invalid>
                [auth]
                hush.prefix = https://hg.hush.invalid
                hush.username = ann
                hush.password = «Zx3Cv6Bn9Mq2We»
                """);
        files.put("dotfiles/.passwd-s3fs", """
                «AKIAZ7HUSHQ2EXMPL3QA:Jk8Lz5Xc2Vb9Nm6Qw3Er0Ty7Ui4Op1As8Df5Gh2»
                """);
        files.put("ops/pgbouncer/userlist.txt", """
                "orders_app" "«Gm4Kp9Wx2Ld7Qz»"
                "report" "SCRAM-SHA-256$4096:c2FsdHNhbHQ=$c3RvcmVka2V5c3RvcmVka2V5c3RvcmVka2V5c3Q=:c2VydmVya2V5c2VydmVya2V5c2VydmVya2V5c2U="
                """);
        files.put("ops/ansible/.vault_pass", """
                «Zx8Cv5Bn2Mq9We6Rt»
                """);
        files.put("ops/scripts/map-drives.cmd", """
                @echo off
                net use Z: \\\\fs01.hush.invalid\\backups «Rf4Tg7Yh1Uj9Ik» /user:CORP\\svc_backup
                net use Y: \\\\fs01.hush.invalid\\public * /user:CORP\\%USERNAME%
                """);
        files.put("web/sites/default/settings.php", """
                <?php
                $settings['hash_salt'] = '«Qx7Lm2Kv9Nb4Rt6Wz3Pd8Hs5Jf1Gc0Ay»';
                $settings['file_private_path'] = '/var/private';
                """);
        // Windows scripts and answer files, servers' own configuration, provisioning, build tools, admin command
        // lines, a wallet's keys and API clients' exports (the second batch of formats probed by hand).
        files.put("ops/windows/deploy.ps1", """
                param([string]$Environment = "staging")
                $ErrorActionPreference = "Stop"
                «$securePass = ConvertTo-SecureString "UFawfnXlgH1JnxlJ" -AsPlainText -Force»
                $cred = New-Object System.Management.Automation.PSCredential ("CORP\\svc_deploy", $securePass)
                $fromEnv = ConvertTo-SecureString $env:DEPLOY_PASSWORD -AsPlainText -Force
                «$cred2 = New-Object PSCredential("sa", (ConvertTo-SecureString 'Pv4bxOe5Lxl5S8' -AsPlainText -Force))»
                «Invoke-Sqlcmd -ServerInstance "sql01.corp.invalid" -Database Orders -Username sa -Password "yLaDGJ9zmaKs5r" -Query "SELECT 1"»
                Invoke-Sqlcmd -ServerInstance "sql01.corp.invalid" -Username sa -Password $env:SQL_PASSWORD -Query "SELECT 1"
                «cmdkey /add:fs01.corp.invalid /user:CORP\\svc_backup /pass:YkFcKTmfb729qK»
                cmdkey /add:fs02.corp.invalid /user:CORP\\svc_backup /pass:%BACKUP_PASS%
                «schtasks /Create /TN "Nightly" /TR "C:\\jobs\\run.cmd" /SC DAILY /RU CORP\\svc_jobs /RP CpoEPrNFk7Xa7V»
                «sc.exe config OrdersSvc obj= "CORP\\svc_orders" password= "o0wlGv1lpR81hc"»
                sc.exe config OrdersSvc obj= "CORP\\svc_orders" password= "%SVC_PASS%"
                """);
        files.put("ops/windows/migrate.cmd", """
                @echo off
                «sqlcmd -S sql01.corp.invalid -U sa -P RLgw5QON7RiOdE -i migrate.sql»
                sqlcmd -S sql01.corp.invalid -U sa -P %SQL_PASSWORD% -i migrate.sql
                sqlcmd -S sql01.corp.invalid -E -i migrate.sql
                """);
        files.put("packer/windows/autounattend.xml", """
                <?xml version="1.0" encoding="utf-8"?>
                <unattend xmlns="urn:schemas-microsoft-com:unattend">
                  <settings pass="oobeSystem">
                    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">
                      <UserAccounts>
                        <AdministratorPassword>
                          «<Value>t2V1LPJLGpbr0o</Value>»
                          <PlainText>true</PlainText>
                        </AdministratorPassword>
                        <LocalAccounts>
                          <LocalAccount wcm:action="add">
                            <Password>
                              «<Value>4nArJKpArpkZ</Value>»
                              <PlainText>true</PlainText>
                            </Password>
                            <Name>vagrant</Name>
                            <Group>Administrators</Group>
                          </LocalAccount>
                        </LocalAccounts>
                      </UserAccounts>
                      <AutoLogon>
                        <Password>
                          «<Value>ldAhGyvtsDZ8</Value>»
                          <PlainText>true</PlainText>
                        </Password>
                        <Enabled>true</Enabled>
                        <Username>vagrant</Username>
                      </AutoLogon>
                    </component>
                  </settings>
                </unattend>
                """);
        files.put("ops/tomcat/conf/tomcat-users.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
                  <role rolename="manager-gui"/>
                  <!--
                  <user username="admin" password="<must-be-changed>" roles="manager-gui"/>
                  -->
                  «<user username="deployer" password="9PWX88NeROgJAy" roles="manager-gui,manager-script"/>»
                  <user username="monitor" password="${monitor.password}" roles="manager-status"/>
                </tomcat-users>
                """);
        files.put("ops/tomcat/conf/context.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Context>
                  <WatchedResource>WEB-INF/web.xml</WatchedResource>
                  <Resource name="jdbc/orders" auth="Container" type="javax.sql.DataSource"
                            maxTotal="20" maxIdle="10" maxWaitMillis="-1"
                            «username="orders" password="UwBqACRVBU6w69"»
                            driverClassName="org.postgresql.Driver"
                            url="jdbc:postgresql://db.corp.invalid:5432/orders"/>
                </Context>
                """);
        files.put("ops/wildfly/standalone.xml", """
                <?xml version="1.0" ?>
                <server xmlns="urn:jboss:domain:19.0">
                  <profile>
                    <subsystem xmlns="urn:jboss:domain:datasources:7.0">
                      <datasources>
                        <datasource jndi-name="java:jboss/datasources/OrdersDS" pool-name="OrdersDS">
                          <connection-url>jdbc:postgresql://db.corp.invalid:5432/orders</connection-url>
                          <driver>postgresql</driver>
                          <security>
                            <user-name>orders</user-name>
                            «<password>9eFNu0ANO1auej</password>»
                          </security>
                        </datasource>
                        <datasource jndi-name="java:jboss/datasources/ExampleDS" pool-name="ExampleDS">
                          <connection-url>jdbc:h2:mem:test;DB_CLOSE_DELAY=-1</connection-url>
                          <security>
                            <user-name>sa</user-name>
                            <password>sa</password>
                          </security>
                        </datasource>
                        <datasource jndi-name="java:jboss/datasources/ReportDS" pool-name="ReportDS">
                          <security>
                            <user-name>report</user-name>
                            <password>${VAULT::ds::password::1}</password>
                          </security>
                        </datasource>
                      </datasources>
                    </subsystem>
                  </profile>
                </server>
                """);
        files.put("ops/jetty/etc/realm.properties", """
                # username: password[,rolename ...]
                «admin: PXt56YQ4oPOkCR,server-administrator,content-administrator,admin»
                «other: OBF:1xmk1w261u9r1w1c1xmq,user»
                guest: MD5:d5f5f2e8a7b6c4d3e2f1a0b9c8d7e6f5,user
                """);
        files.put("ops/rabbitmq/rabbitmq.conf", """
                listeners.tcp.default = 5672
                default_vhost = /
                default_user = orders
                «default_pass = bHWnFJwn14eA0v3W»
                loopback_users.guest = false
                """);
        files.put("ops/rabbitmq/definitions.json", """
                {
                  "rabbit_version": "3.12.0",
                  "users": [
                    {
                      "name": "orders",
                      «"password": "ayDmN3kJhZcoBuUF",»
                      "tags": "administrator"
                    },
                    {
                      "name": "report",
                      "password_hash": "kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR",
                      "hashing_algorithm": "rabbit_password_hashing_sha256",
                      "tags": ""
                    }
                  ],
                  "vhosts": [{"name": "/"}]
                }
                """);
        files.put("ops/grafana/grafana.ini", """
                [server]
                http_port = 3000
                [security]
                admin_user = admin
                «admin_password = L9bSHfHdShotXc5V»
                «secret_key = qyC9UEUOEtV6bYeLqRgd»
                ;admin_password = admin
                [database]
                type = postgres
                host = db.corp.invalid:5432
                user = grafana
                password = $__env{GF_DB_PASSWORD}
                """);
        files.put("ops/prometheus/prometheus.yml", """
                global:
                  scrape_interval: 15s
                scrape_configs:
                  - job_name: node
                    basic_auth:
                      username: scraper
                      «password: f2q1SoZvwjOlrKKR»
                    static_configs:
                      - targets: ['node01.corp.invalid:9100']
                  - job_name: app
                    basic_auth:
                      username: scraper
                      password_file: /etc/prometheus/app.pass
                """);
        files.put("ops/prometheus/alertmanager.yml", """
                global:
                  smtp_smarthost: 'smtp.corp.invalid:587'
                  smtp_from: 'alerts@corp.invalid'
                  smtp_auth_username: 'alerts@corp.invalid'
                  «smtp_auth_password: 'recdZfYUte8a6V3j'»
                route:
                  receiver: team
                receivers:
                  - name: team
                    slack_configs:
                      - api_url_file: /etc/alertmanager/slack_url
                """);
        files.put("ops/haproxy/haproxy.cfg", """
                global
                    daemon
                userlist admins
                    «user admin insecure-password wIrD9STDzZUA3T»
                listen stats
                    bind :8404
                    «stats auth admin:QG0wQc5X3uevWX»
                    stats uri /stats
                """);
        files.put("ops/postfix/sasl_passwd", """
                «[smtp.sendgrid.invalid]:587 apikey:Y7fzz2d8IXWwKWESLIbZx1xZ»
                """);
        files.put("ops/ldap/slapd.conf", """
                database mdb
                suffix "dc=corp,dc=invalid"
                rootdn "cn=admin,dc=corp,dc=invalid"
                «rootpw r5cm6pW0M9nZ34»
                # rootpw {SSHA}5en6G6MezRroT3XKqkdPOmY/BfQ=
                directory /var/lib/ldap
                """);
        files.put("ops/ldap/users.ldif", """
                dn: uid=ann,ou=people,dc=corp,dc=invalid
                objectClass: inetOrgPerson
                uid: ann
                cn: Ann Example
                «userPassword: GTMOn1iivOwfis»

                dn: uid=bob,ou=people,dc=corp,dc=invalid
                objectClass: inetOrgPerson
                uid: bob
                userPassword: {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=
                """);
        files.put("ops/snmp/snmpd.conf", """
                agentAddress udp:161
                «rocommunity cqx8dDMyV3hY 10.0.0.0/8»
                rocommunity public localhost
                «createUser monitor SHA "heqQdxp3CdVYs5" AES "sK6nWQvxtcflWN"»
                """);
        files.put("network/core-sw01.cfg", """
                hostname core-sw01
                !
                «username netops privilege 15 password 7 0822455D0A16544541»
                «enable password Rkfoz4UKF1»
                !
                «snmp-server community 8bfklhNELM RO»
                line vty 0 4
                 «password Czv9OJdsSc»
                 login
                """);
        files.put("ops/ipsec/ipsec.secrets", """
                # /etc/ipsec.secrets
                «%any 203.0.113.10 : PSK "BIXCRYISlAc0AjUQAbjiuzif"»
                : RSA /etc/ipsec.d/private/gw.key
                """);
        files.put("ops/vpn/client.ovpn", """
                client
                dev tun
                proto udp
                remote vpn.corp.invalid 1194
                auth-user-pass creds.txt
                <ca>
                -----BEGIN CERTIFICATE-----
                MIIBszCCAVmgAwIBAgIUQk3n
                -----END CERTIFICATE-----
                </ca>
                key-direction 1
                <tls-auth>
                «-----BEGIN OpenVPN Static key V1-----»
                9b62bdd9eb27a1a7c65dffe3084a138c
                9cb4f3339edecf3aae33358359bfdc3c
                310135914c78ff2144965d2dbe70f80e
                b3431b0dca349d9520eb48071f361bde
                ea8845df6e787b369245b43608bdd0b8
                94880909e93a5ae95e1acc583def65b6
                ac7e055b7cfc587a5601148754f360b0
                72d19c31f19ce821e25ed5a5cc1b8b0b
                33ea8e2e173b2305abb901f453aaa8c7
                4a0448904e10c6f69b2db49bb3fac586
                c6b8c8ac6ddc5236b907ef55ae2d5a6f
                47b7a19a10df2da835c808578d62df4d
                9c93d3ae22b5cacf419bfca2afa6c49b
                b4327b1cd331a42f6338a3c9fc1875ea
                0cd79998e37046b505e73caccf31e794
                c5bfd566625468a58644974def546f1f
                -----END OpenVPN Static key V1-----
                </tls-auth>
                """);
        // The file client.ovpn names in auth-user-pass: the user, then the password.
        files.put("ops/vpn/creds.txt", """
                vpn.orders
                «Tg5wKq8ZrN2xVb»
                """);
        files.put("airflow/airflow.cfg", """
                [core]
                dags_folder = /opt/airflow/dags
                executor = CeleryExecutor
                «fernet_key = 3JtTM5NzdG7O6MJahwHkJS3w1VMlSmbEtZBLkRkCjtb=»
                [database]
                «sql_alchemy_conn = postgresql+psycopg2://airflow:ladZH0qhdAfzPO@db.corp.invalid:5432/airflow»
                [webserver]
                «secret_key = BpFry21qF8MzDYfQqnil»
                [celery]
                broker_url = redis://redis:6379/0
                """);
        files.put("superset/superset_config.py", """
                import os
                ROW_LIMIT = 5000
                «SECRET_KEY = 'l4974n14Tp00ELuECc3enQFmfFEMndZo0l6NKDPPem'»
                SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
                «SQLALCHEMY_DATABASE_URI = 'postgresql://superset:68D3q8nZS1FoIK@db.corp.invalid/superset'»
                """);
        files.put("provision/cloud-init/user-data", """
                #cloud-config
                hostname: web01
                users:
                  - name: deploy
                    groups: sudo
                    shell: /bin/bash
                    «plain_text_passwd: jMN1P5vT2pqwSH»
                    lock_passwd: false
                  - name: ops
                chpasswd:
                  list: |
                    «root:3osGKXap31jYOE»
                  expire: false
                «password: nhrm56dyhaG7»
                ssh_pwauth: true
                """);
        files.put("provision/ks.cfg", """
                lang en_US.UTF-8
                keyboard us
                «rootpw --plaintext gb9LFnjY1pTdcc»
                «user --name=deploy --password=hrZ1HHYnQ7dP --plaintext --groups=wheel»
                """);
        files.put("provision/preseed.cfg", """
                d-i passwd/root-login boolean true
                «d-i passwd/root-password password Hl7kBGRR49SYKG»
                «d-i passwd/root-password-again password lGHKHXV36CxwR4»
                d-i passwd/user-fullname string Deploy
                d-i passwd/username string deploy
                """);
        files.put("Vagrantfile", """
                Vagrant.configure("2") do |config|
                  config.vm.box = "generic/ubuntu2204"
                  config.ssh.username = "deploy"
                  «config.ssh.password = "m9jEQqUDs689fa"»
                  config.vm.provider "vsphere" do |v|
                    v.host = "vcenter.corp.invalid"
                    v.user = "administrator@vsphere.local"
                    «v.password = "nz5BUPlsjDSSHJ"»
                  end
                  config.vm.provision "shell", inline: "echo hi"
                end
                """);
        files.put("packer/ubuntu.pkr.hcl", """
                source "qemu" "ubuntu" {
                  iso_url      = "https://releases.ubuntu.com/22.04/ubuntu-22.04.4-live-server-amd64.iso"
                  ssh_username = "packer"
                  «ssh_password = "YLjt8oUp8Vdb4w"»
                  ssh_timeout  = "20m"
                }
                variable "winrm_password" {
                  type      = string
                  sensitive = true
                }
                """);
        files.put("packer/windows/windows.json", """
                {
                  "builders": [{
                    "type": "virtualbox-iso",
                    "communicator": "winrm",
                    "winrm_username": "vagrant",
                    «"winrm_password": "mQ4uuRaV0tagAi",»
                    "ssh_password": "{{user `ssh_password`}}"
                  }]
                }
                """);
        files.put("infra/azure/azuredeploy.json", """
                {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "parameters": {
                    "adminUsername": { "type": "string", "defaultValue": "azureuser" },
                    "adminPassword": {
                      "type": "securestring",
                      «"defaultValue": "Lk7wO04WOn4zG2ZP"»
                    },
                    "sqlPassword": { "type": "securestring" }
                  },
                  "resources": []
                }
                """);
        files.put("infra/aws/stack.yaml", """
                AWSTemplateFormatVersion: "2010-09-09"
                Parameters:
                  DBUser:
                    Type: String
                    Default: orders
                  DBPassword:
                    Type: String
                    NoEcho: true
                    «Default: IHEpZ0IiVd1xI6m5»
                  DBPort:
                    Type: Number
                    Default: 5432
                Resources:
                  DB:
                    Type: AWS::RDS::DBInstance
                    Properties:
                      MasterUsername: !Ref DBUser
                      MasterUserPassword: !Ref DBPassword
                """);
        files.put("mobile/app/build.gradle", """
                android {
                    compileSdk 34
                    signingConfigs {
                        release {
                            storeFile file("release.keystore")
                            «storePassword "4H8AL5ZT6l7E6v"»
                            keyAlias "release"
                            «keyPassword "jpmkzyDKBzm4k0"»
                        }
                        debug {
                            storeFile file("debug.keystore")
                            storePassword "android"
                            keyPassword "android"
                        }
                        ci {
                            storePassword System.getenv("STORE_PASSWORD")
                            keyPassword project.property("keyPassword")
                        }
                    }
                }
                """);
        files.put("billing/NuGet.config", """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="corp" value="https://nuget.corp.invalid/v3/index.json" />
                  </packageSources>
                  <packageSourceCredentials>
                    <corp>
                      <add key="Username" value="build" />
                      «<add key="ClearTextPassword" value="P4Mc4zDKOzSERGqxI3BU" />»
                    </corp>
                    <github>
                      <add key="Username" value="build" />
                      <add key="ClearTextPassword" value="%GITHUB_PACKAGES_TOKEN%" />
                    </github>
                  </packageSourceCredentials>
                </configuration>
                """);
        files.put("rails/.bundle/config", """
                ---
                BUNDLE_PATH: "vendor/bundle"
                «BUNDLE_GEMS__CORP__INVALID: "build:Ycz9kZaw6Eg9FxBaF1VY"»
                «BUNDLE_RUBYGEMS__PKG__GITHUB__COM: "d7dtiPu9CGxVQpDsmkGvCn9e2McSwj8f3MwHKpcX"»
                BUNDLE_JOBS: "4"
                """);
        files.put("dotfiles/.m2/settings-security.xml", """
                <settingsSecurity>
                  «<master>{jSMOWnoPFgsHVpMvz5VrIt5kRbzGpI8u+9EF1iFQyJQ=}</master>»
                </settingsSecurity>
                """);
        files.put("dotfiles/.sbt/.credentials", """
                realm=Sonatype Nexus Repository Manager
                host=nexus.corp.invalid
                user=build
                «password=eZ9bLzUCGObIeN0xhN»
                """);
        files.put("dotfiles/.cargo/credentials.toml", """
                [registry]
                «token = "cioFCLZkl3XbhgHqLsiY5DPX0PDYzlh9OCB"»
                [registries.corp]
                «token = "VFnOyofi7xLepc5QIe74WnkDHq4X7dCX"»
                """);
        files.put("ops/scripts/maintenance.sh", """
                #!/usr/bin/env bash
                set -euo pipefail
                «sshpass -p 'njIs3kgHRN8BVP' ssh deploy@web01.corp.invalid uptime»
                sshpass -p "$SSH_PASS" ssh deploy@web02.corp.invalid uptime
                sshpass -e ssh deploy@web03.corp.invalid uptime
                «redis-cli -h cache.corp.invalid -a gXWpx4OW754LLbhb3XRg ping»
                redis-cli -h cache.corp.invalid -a "$REDIS_PASSWORD" ping
                «mongosh "mongodb://db.corp.invalid:27017/orders" -u orders -p 'OU4EZ8s3150OoX' --eval 'db.stats()'»
                «mongo orders --host db.corp.invalid -u admin -p C6jNYjpElcNH0m --authenticationDatabase admin»
                «wget --user=build --password=mStbMa9UGOaNqa https://artifacts.corp.invalid/app.tar.gz»
                «echo done && docker login -u build -p riaqBYdtjTiEs2oloogr registry.corp.invalid»
                docker login -u build -p "$REGISTRY_TOKEN" registry.corp.invalid
                «helm repo add corp https://charts.corp.invalid --username build --password TbOrq5R7IjAiRCYRzsu2»
                «az login --service-principal -u 8e3b1c9a-2f4d-4e6b-9a7c-1d2e3f4a5b6c -p M42RUl6411EJCNlfVvOZukgyH4HLXXKqa6 --tenant 4a5b6c7d-8e9f-4a1b-2c3d-4e5f6a7b8c9d»
                «terraform apply -auto-approve -var 'db_password=YO56bLoSP3XXI9ZN' -var 'region=eu-west-1'»
                terraform apply -var "db_password=${TF_DB_PASSWORD}"
                «ansible-playbook site.yml -i hosts -e 'ansible_user=deploy ansible_password=hPTNsXJ5lDUWvt'»
                «git clone https://build:XpcDrxXdmdOmCcR44sTP7XahQKjnbmxx1Ew8fvo0@git.corp.invalid/ops/infra.git»
                git clone https://git.corp.invalid/ops/infra.git
                «mysql -h db.corp.invalid -u root -p6Zyimx5bdbSskb orders < dump.sql»
                «PGPASSWORD=WzUy1i8VAASydd psql -h db.corp.invalid -U orders orders -c 'select 1'»
                «curl -u admin:i9IjE82qiRZTZb https://jenkins.corp.invalid/api/json»
                «smbclient //fs01.corp.invalid/share -U svc_backup%Rbewc3egI4LwLR -c ls»
                «ldapsearch -x -H ldap://ldap.corp.invalid -D "cn=admin,dc=corp,dc=invalid" -w vIUO5dHvVYCrwV -b "dc=corp,dc=invalid"»
                «rabbitmqctl add_user orders x85YzSvapyTTA1»
                «htpasswd -b -c /etc/nginx/.htpasswd admin Hij3YQiSwQJDxR»
                «echo 'oO05Ujec2utx9D' | docker login --username build --password-stdin registry.corp.invalid»
                «openssl pkcs12 -export -in cert.pem -inkey key.pem -out cert.p12 -passout pass:CPhkwjxDQ9khSR»
                «keytool -genkeypair -alias app -keystore app.jks -storepass ZCI0Ir1rtW46Pk -keypass kHJTI6nMwHdKxL -dname "CN=app"»
                """);
        files.put("contracts/hardhat.config.js", """
                require("@nomicfoundation/hardhat-toolbox");
                «const MNEMONIC = "cactus velvet harbor lemon orbit pistol ranch socket tunnel wisdom beacon ginger";»
                module.exports = {
                  solidity: "0.8.24",
                  networks: {
                    sepolia: {
                      url: "https://sepolia.infura.invalid/v3/" + process.env.INFURA_KEY,
                      accounts: { mnemonic: process.env.MNEMONIC },
                    },
                    local: {
                      «accounts: ["0x1e533796e7adc4d9dd77f06cc3e0ea92b1e4f566bf51c4df6b3c692d23a67644"]»
                    }
                  }
                };
                """);
        files.put("docs/postman/orders.postman_environment.json", """
                {
                  "id": "5f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b",
                  "name": "orders-prod",
                  "values": [
                    { "key": "baseUrl", "value": "https://api.corp.invalid", "type": "default", "enabled": true },
                    { "key": "username", "value": "orders-bot", "type": "default", "enabled": true },
                    «{ "key": "password", "value": "V1VuaS0VizyJrlRj", "type": "secret", "enabled": true },»
                    «{ "key": "apiKey", "value": "GcKJUDLmut4cB8BkGv76ENolf5Ruhzpv", "type": "secret", "enabled": true },»
                    { "key": "token", "value": "", "type": "secret", "enabled": true },
                    { "key": "clientSecret", "value": "{{CLIENT_SECRET}}", "type": "secret", "enabled": true }
                  ],
                  "_postman_variable_scope": "environment"
                }
                """);
        files.put("docs/insomnia/orders.json", """
                {
                  "_type": "export",
                  "__export_format": 4,
                  "resources": [
                    {
                      "_id": "req_1",
                      "_type": "request",
                      "name": "Login",
                      "url": "https://api.corp.invalid/login",
                      «"authentication": { "type": "basic", "username": "orders-bot", "password": "aM6RLT6SvX2lm7s2" },»
                      "headers": [ «{ "name": "Authorization", "value": "Bearer AL9A9nhRVyKx65ru60hNJj3tixQqPsQDP2mRByNA" }» ]
                    },
                    {
                      "_id": "env_1",
                      "_type": "environment",
                      «"data": { "base_url": "https://api.corp.invalid", "api_token": "ODhbKvVguYIDAYdta8PZTDw6BsTRKxd7" }»
                    }
                  ]
                }
                """);
        files.put("dotfiles/.config/rclone/rclone.conf", """
                [backup]
                type = sftp
                host = fs01.corp.invalid
                user = backup
                «pass = k8d2jhEtvucxBCYEfm5cY6nrpBmsAoVozaJP1byv»

                [s3]
                type = s3
                provider = AWS
                «access_key_id = AKIAZ7HUSHR5PROBE4QA»
                «secret_access_key = WL5KcuQMaey44DWtNNQyDwfVnJudJTuvgroGHvsO»
                """);
        files.put("ops/windows/setup-host.ps1", """
                «net user deploy aUANbbO0zC6Klg /add»
                net user deploy * /add
                net user guest /active:no
                «New-LocalUser -Name "svc_app" -Password (ConvertTo-SecureString -String 'H0JPRe7O8RqjJb' -AsPlainText -Force)»
                «$cred = [pscredential]::new('CORP\\svc', (ConvertTo-SecureString "zBz5AvYovgcm1r" -AsPlainText -Force))»
                «$Password = "VuH24Km6QGRy9f"»
                $Password = Read-Host -AsSecureString
                «Invoke-Sqlcmd -Query "SELECT 1" -ServerInstance sql01 -Username sa -Password 'EBfMKaGVu1WRMH'»
                """);
        files.put("provision/bootstrap.sh", """
                #!/bin/sh
                «useradd -m -p "$(openssl passwd -6 'hHWY5g3SLxnmBN')" deploy»
                «mysqladmin -u root password 'Mr1Co52pSD5i7I'»
                «x11vnc -forever -passwd EmgKYVO1ko9v -display :0»
                «RSYNC_PASSWORD=AnNa0aRQruusfc rsync -av /data backup@fs01.corp.invalid::backups»
                «lftp -u deploy,QYG9fX0oNHH9kU sftp://ftp.corp.invalid -e "mirror -R dist /www; quit"»
                «mosquitto_pub -h mqtt.corp.invalid -u sensor -P acMgkn2Ds7Pkr0 -t temp -m 21»
                «vault kv put secret/orders db_password=pyAtZW5Su3fP2s0P»
                «aws configure set aws_secret_access_key pBzjaco409eXIN8hFg7O1FDxgL3pZDbvv7CfrcuT»
                «heroku config:set STRIPE_SECRET=USv6SYmcjU4iMI1bEYGIE3yZ -a orders»
                «fly secrets set DATABASE_PASSWORD=Lo7C9MJzW7aOtZaB»
                «firebase functions:config:set stripe.secret="SoBNhGZF9BBisRIEREOgcdIZ"»
                «dokku config:set orders DB_PASSWORD=hbXsvJLC0mkiBMX9»
                «kubectl create secret docker-registry regcred --docker-server=registry.corp.invalid --docker-username=build --docker-password=GON9rBRqYEDp02PWVzPM»
                «http -a admin:2mufIB6PHXGcc4 POST https://api.corp.invalid/reindex»
                «psql "postgresql://orders:E63WzBkObgAI28@db.corp.invalid:5432/orders" -c 'select 1'»
                vault kv put secret/orders db_password=-
                heroku config:set STRIPE_SECRET="$STRIPE_SECRET" -a orders
                """);
        files.put("orders-service/src/main/resources/kafka.properties", """
                bootstrap.servers=kafka.corp.invalid:9093
                security.protocol=SASL_SSL
                sasl.mechanism=PLAIN
                «sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="orders" password="EJ8u6MOeFXiBKWS6";»
                ssl.truststore.location=/etc/kafka/truststore.jks
                «ssl.truststore.password=GPMHbL0updxP»
                """);
        files.put("etl/odbc.ini", """
                [orders]
                Driver = PostgreSQL Unicode
                Servername = db.corp.invalid
                Database = orders
                UserName = orders
                «Password = 3Xu70lSFMSpvE2»
                """);
        files.put("packer/windows/unattend-join.xml", """
                <unattend xmlns="urn:schemas-microsoft-com:unattend">
                 <settings pass="specialize">
                  <component name="Microsoft-Windows-UnattendedJoin">
                   <Identification>
                    <Credentials>
                     <Domain>corp.invalid</Domain>
                     «<Password>0xgSEkwcscrsu0</Password>»
                     <Username>joiner</Username>
                    </Credentials>
                   </Identification>
                  </component>
                 </settings>
                 <settings pass="oobeSystem">
                  <component name="Microsoft-Windows-Shell-Setup">
                   «<UserAccounts><AdministratorPassword><Value>4OUWegWAM9hFf7</Value><PlainText>true</PlainText></AdministratorPassword></UserAccounts>»
                  </component>
                 </settings>
                </unattend>
                """);
        files.put("infra/aws/db.template.json", """
                {
                  "Parameters": {
                    "DBPassword": {
                      "Type": "String",
                      "NoEcho": "true",
                      «"Default": "aA5SU0GQb4HB1W9Z"»
                    }
                  }
                }
                """);
        files.put("infra/pulumi/Pulumi.dev.yaml", """
                config:
                  «shop:stripeSecretKey: sk_test_Xhy2ImWxl4GVS8Uq360Tvn7r»
                  shop:region: eu-west-1
                """);
        // Mail and proxy clients' dotfiles, and secrets kept encrypted (SOPS, a SealedSecret, an Ansible vault) beside
        // one that is not.
        files.put("play-app/conf/application.conf", """
                play.http.secret.key = ${?APPLICATION_SECRET}
                «play.http.secret.key = "M1eWrP3uIZ35wyVpbDO0tdDFPu2OOjUz597TYG1TRtznn2ke"»
                slick.dbs.default.db.user = "orders"
                «slick.dbs.default.db.password = "lLr7GG4GWIm2sT"»
                """);
        files.put("ops/logstash/pipeline/output.conf", """
                output {
                  elasticsearch {
                    hosts => ["https://es.corp.invalid:9200"]
                    user => "logstash_writer"
                    «password => "VPHQ8emEeJ0Xf5VS"»
                  }
                  http { url => "https://hooks.corp.invalid" password => "${HOOK_PASSWORD}" }
                }
                """);
        files.put("ops/redis/sentinel.conf", """
                sentinel monitor orders 10.0.0.5 6379 2
                «sentinel auth-pass orders 5hBgtEzCyUlb1bjKbdWZ»
                """);
        files.put("ops/squid/squid.conf", """
                «cache_peer proxy.corp.invalid parent 3128 0 no-query default login=svc_proxy:rmhEu4DgwhUd74»
                http_port 3128
                """);
        files.put("dotfiles/.fetchmailrc", """
                set daemon 300
                «poll imap.corp.invalid protocol IMAP user "ann@corp.invalid" password "70jQd60gMiaCCO" ssl»
                """);
        files.put("dotfiles/.muttrc", """
                set imap_user = "ann@corp.invalid"
                «set imap_pass = "W9ojAp0yWNvFh9"»
                «set smtp_url = "smtps://ann@corp.invalid:BJBpNHWWLVih5d@smtp.corp.invalid:465/"»
                set smtp_pass = `pass show mail/ann`
                """);
        files.put("dotfiles/.offlineimaprc", """
                [Repository Remote]
                type = IMAP
                remotehost = imap.corp.invalid
                remoteuser = ann@corp.invalid
                «remotepass = GCyxaSu6x74vtJ»
                """);
        files.put("dotfiles/.config/hub", """
                github.com:
                - user: ann
                  «oauth_token: abfef34d1fd6322b239745856a143af6fe397e00»
                  protocol: https
                """);
        files.put("k8s/sealed/orders-db.yaml", """
                apiVersion: bitnami.com/v1alpha1
                kind: SealedSecret
                metadata:
                  name: orders-db
                spec:
                    password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEqkFNdk07O1wqsOj25VMPLWTT2Her2RRuw3hhvOLhXh9TRPgtoYGXnev5RsM2uy7ce5vTjVgd8fQrJnW4NHoswP7poamuwQKndJk4U2YGXM2STQZ1JHTJ7dZcGgWoeOlsuMAHGE9Hngi6Gezpq8UPktsn3NKi3YqHh7wkMz0OmdOpEQUjCytzTGvE5ZrcdZ3wEQQL4RTPT
                    username: AgAKAoiQm7QDKOwq8Nd1Bpx1vFEmN52DZeocgWf1RfyMuLTLa21e2tw2KYXUo3UUhAqoHSDNtfyhN4hhN2d7Tx7q3LfN3av7zwehk57gJ6vvpSvmXbLU23STOguSMZ8cOS9liO0Ipxj8O04MFw6x
                """);
        files.put("k8s/sops/secrets.enc.yaml", """
                db_password: ENC[AES256_GCM,data:eL3tRiH3QJPgPWFDSqn9,iv:VcnYWoCnD48Q7o4mFpobB6lJVEs6nOGsAVB5raO8HX4=,tag:EPFAlF6yIEUZAZ1R5PWZD3==,type:str]
                api_token: ENC[AES256_GCM,data:qyW0FAmkmTstzluPyAkfNAO8XFQ3sR4K,iv:os9CW1tQSc8DDJ1r58dQ2FkpoJwcW63Vmn4W1LlmT08=,tag:9Y17e4tCeDB7XPd2dZTisC==,type:str]
                sops:
                    kms: []
                    lastmodified: "2026-12-01T10:00:00Z"
                    mac: ENC[AES256_GCM,data:UbY1Rxy8qRDv1QgM0lKAyYzYdn28UgeLS1iAEUl6WyZMCirL7O167w1aCtpM,iv:ui9rvYAty3iQDcwzq89BYmdzRTM0KED08LHLWO0abcz=,tag:7lY0KsVcixaHGfUarP9rZo==,type:str]
                    version: 3.8.1
                """);
        files.put("ops/ansible/group_vars/vault.yml", """
                $ANSIBLE_VAULT;1.1;AES256
                4a593c088c0a401f4410b2aae074a3bb45591f33360776e569bd65c3f2bf5915057e234dd9f3d907
                42cf95e63c760f623431839c62b1e7e2323c96742b9e8975ec38f12aae427708a6d0ecfb1b349574
                a76fb181ee7d89bce193447c7e036a887d4d2c6af04d2d09ceaeea785643adfae4e9ec7a0e336baf
                """);
        files.put("k8s/orders-secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: orders
                type: Opaque
                stringData:
                  «DB_PASSWORD: 5tRnJI9oZbILYsUQ»
                  DB_USER: orders
                """);
        files.put("dotfiles/.irssi/config", """
                servers = (
                  {
                    address = "irc.corp.invalid";
                    chatnet = "corp";
                    port = "6697";
                    «password = "IICS2KX6SpAsLw";»
                    use_tls = "yes";
                  }
                );
                """);
        // The same formats with nothing to find: locked and hashed passwords, references, defaults, SNMP's public
        // community, documentation of the commands, a two-line note named like a login file.
        files.put("provision/minimal/ks.cfg", """
                rootpw --lock
                rootpw --iscrypted $6$rounds=4096$c2FsdHNhbHQ$Zm9vYmFyYmF6cXV4
                user --name=ops --groups=wheel --lock
                """);
        files.put("ops/ldap/replica/slapd.conf", """
                rootpw {SSHA}5en6G6MezRroT3XKqkdPOmY/BfQ=
                # rootpw secret
                """);
        files.put("ops/snmp/snmpd.local.conf", """
                rocommunity public localhost
                rwcommunity private 127.0.0.1
                createUser monitor SHA "$SNMP_AUTH" AES "$SNMP_PRIV"
                """);
        files.put("infra/aws/app.yaml", """
                AWSTemplateFormatVersion: "2010-09-09"
                Parameters:
                  Environment:
                    Type: String
                    Default: staging
                    AllowedValues: [staging, production]
                  DBPassword:
                    Type: String
                    NoEcho: true
                    MinLength: 12
                  InstanceType:
                    Type: String
                    Default: t3.small
                Resources:
                  DB:
                    Type: AWS::RDS::DBInstance
                    Properties:
                      MasterUserPassword: '{{resolve:secretsmanager:orders/db:SecretString:password}}'
                """);
        files.put("infra/azure/vm.json", """
                {
                  "parameters": {
                    "vmSize": { "type": "string", "defaultValue": "Standard_B2s" },
                    "adminUsername": { "type": "string", "defaultValue": "azureuser" },
                    "adminPassword": { "type": "securestring", "metadata": { "description": "The VM admin's password" } },
                    "sqlPassword": { "type": "securestring", "defaultValue": "[parameters('adminPassword')]" }
                  }
                }
                """);
        files.put("shop-rails/.bundle/config", """
                ---
                BUNDLE_PATH: "vendor/bundle"
                BUNDLE_BUILD__NOKOGIRI: "--use-system-libraries"
                BUNDLE_DEPLOYMENT: "true"
                BUNDLE_WITHOUT: "development:test"
                BUNDLE_GEMS__CONTRIBSYS__COM: "${SIDEKIQ_CREDENTIALS}"
                """);
        files.put("docs/windows-setup.md", """
                # Windows setup

                Create the service account with `net user svc_app * /add` and type its password when asked.
                List accounts with `net user` or `net user administrator`.
                Run `schtasks /query /fo LIST` to see the tasks; create one with `/RU SYSTEM` so that no password is stored.
                Use `cmdkey /list` to see stored credentials.

                Apply the stack with `terraform apply -var 'region=eu-west-1' -var "db_password=$TF_VAR_db_password"`.

                Store a secret in Vault: `vault kv put secret/orders db_password=@db_password.txt` or
                `vault kv put secret/orders ttl=30m owner=orders`.

                The client.ovpn names `tls-auth ta.key 1` and `auth-user-pass` (it asks for them).
                A mnemonic is the twelve words your wallet shows you; keep it offline.
                Set `fernet_key` to the output of `python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.
                """);
        files.put("ops/jetty/etc/test-realm.properties", """
                # username: password[,rolename ...]
                admin: CRYPT:adpexzg3FUZAk,server-administrator
                guest: MD5:d5f5f2e8a7b6c4d3e2f1a0b9c8d7e6f5,user
                """);
        files.put("packer/windows-core/autounattend.xml", """
                <unattend xmlns="urn:schemas-microsoft-com:unattend">
                  <UserAccounts>
                    <AdministratorPassword><Value>*SENSITIVE*DATA*DELETED*</Value><PlainText>true</PlainText></AdministratorPassword>
                  </UserAccounts>
                  <AutoLogon>
                    <Password><Value>UABhAHMAcwB3AG8AcgBkAA==</Value><PlainText>false</PlainText></Password>
                    <Username>Administrator</Username>
                  </AutoLogon>
                </unattend>
                """);
        files.put("ops/ldap/people.ldif", """
                dn: uid=bob,ou=people,dc=corp,dc=invalid
                userPassword:: e1NTSEF9VzZwaDVNbTVQejhHZ2lVTGJQZ3pHMzdtajlnPQ==
                userPassword: {CRYPT}$6$c2FsdHNhbHQ$Zm9vYmFy
                """);
        files.put("provision/cloud-init/user-data.minimal", """
                #cloud-config
                chpasswd:
                  list: |
                    root:RANDOM
                  expire: true
                ssh_pwauth: false
                """);
        files.put("infra/pulumi/Pulumi.prod.yaml", """
                config:
                  aws:region: eu-west-1
                  orders:dbPassword:
                    secure: AAABAHk3b2Q5cFhBcW1Mb0ZHc3pYd1ZUcXlaV2ZzN0FtR3pJNnVq
                  orders:apiTokenTtl: 3600
                  orders:tokenIssuer: https://auth.corp.invalid
                """);
        files.put("ops/vpn/auth.txt", """
                Write the user name on the first line
                and the password on the second.
                """);
        // Provisioning commands: chart values, cloud CLIs, archive and key passphrases, Windows environment settings.
        files.put("ops/scripts/provision-services.sh", """
                #!/bin/bash
                «helm upgrade --install orders bitnami/postgresql --set auth.postgresPassword=GkRcI1RxuhNCoMHH --set auth.database=orders»
                helm upgrade --install orders bitnami/postgresql --set auth.postgresPassword="$PG_PASSWORD"
                «gcloud sql users set-password root --host=% --instance=orders --password=M3PPNqK4C6L7Ozxe»
                «az sql server create -g rg -n orders-sql -u sqladmin --admin-password 'dHnEiTvf2SeCXuLT'»
                «aws rds create-db-instance --db-instance-identifier orders --master-username admin --master-user-password QjdlblvnUj0mf2kb»
                «mysql -h db -u root -e "CREATE USER 'orders'@'%' IDENTIFIED BY 'Aqpa8rPu7AutFj';"»
                «psql -h db -U postgres -c "ALTER USER orders WITH PASSWORD 'yrVUdNbUuqne1U';"»
                «curl -X POST https://api.corp.invalid/login -d 'username=ops&password=kW5AriAKZVolLE'»
                «curl -X POST https://api.corp.invalid/login -H 'Content-Type: application/json' --data '{"username":"ops","password":"wxjADSLGVDV2FL"}'»
                «ssh-keygen -t ed25519 -f deploy_key -N 'KsXaH3QKPZjRii'»
                ssh-keygen -t ed25519 -f deploy_key -N ''
                «gpg --batch --pinentry-mode loopback --passphrase '8Wofa1hyudExbY' -d backup.tar.gpg»
                «zip -P 9oeJs6uh5B5khl -r backup.zip data/»
                «7z a -pZHktcDYRK6QCr9 backup.7z data/»
                «openssl enc -aes-256-cbc -salt -in db.sql -out db.sql.enc -k mbXVw9wgpj3x3C»
                «unzip -P MbkRUrM7Q8vOST backup.zip»
                """);
        files.put("ops/windows/set-env.ps1", """
                «$env:DB_PASSWORD = 'x0IBmluCWFF59M'»
                $env:DB_PASSWORD = (Get-Secret -Name db -AsPlainText)
                «[Environment]::SetEnvironmentVariable("API_TOKEN", "RGbbmjZC9QoKuOkrJa5GQDt412zTDpBZ", "User")»
                """);
        files.put("ops/windows/set-env.bat", """
                @echo off
                «set DB_PASSWORD=Py8EpXkskflfK1»
                set DB_PASSWORD=%1
                «setx API_TOKEN ujlmOXl7Gk0pw7BwcLRSRziqHlUrt4eu»
                """);
        files.put("legacy/bin/deploy.pl", """
                use DBI;
                «my $password = 'gUjjNJ5aHBDcV2';»
                «my $dbh = DBI->connect("dbi:Pg:dbname=orders;host=db", "orders", "6LWIbLnJ8sOvdP");»
                my $dbh2 = DBI->connect($dsn, $user, $ENV{DB_PASSWORD});
                """);
        files.put("contracts/.config/solana/id.json", solanaKeypair());
        files.put("orders-service/src/main/resources/jwt-signing.pem", privateKeyPem());
        return files;
    }

    /** Returns a fresh Ed25519 key in OpenSSH's format, as ssh-keygen writes a deploy key, its first line marked as planted. */
    private static String openSshKey() {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        try {
            byte[] blob = OpenSSHPrivateKeyUtil.encodePrivateKey(generator.generateKeyPair().getPrivate());
            StringWriter out = new StringWriter();
            try (PemWriter writer = new PemWriter(out)) {
                writer.writeObject(new PemObject("OPENSSH PRIVATE KEY", blob));
            }
            return out.toString().replaceFirst("^(-----BEGIN OPENSSH PRIVATE KEY-----)", "«$1»");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Returns a fresh Ed25519 keypair as solana-keygen writes id.json (the seed, then the public key), marked as planted. */
    private static String solanaKeypair() {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.generateKeyPair();
        byte[] seed = ((org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters) pair.getPrivate()).getEncoded();
        byte[] pub = ((org.bouncycastle.crypto.params.Ed25519PublicKeyParameters) pair.getPublic()).getEncoded();
        StringBuilder json = new StringBuilder("«[");
        for (int i = 0; i < 64; i++) {
            json.append(i > 0 ? "," : "").append(Byte.toUnsignedInt(i < 32 ? seed[i] : pub[i - 32]));
        }
        return json.append("]»\n").toString();
    }

    /** Returns a fresh RSA private key as PEM, its first line marked as planted. */
    private static String privateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
            String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(der);
            return "«-----BEGIN PRIVATE KEY-----»\n" + body + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
