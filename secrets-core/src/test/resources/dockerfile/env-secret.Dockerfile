# Values are made up for tests; none of them was ever a real secret.
FROM alpine:3.20
ENV DB_PASSWORD=p4ss-Q7w9-zX2k
ENV API_TOKEN="tok Q7w9 zX2k 0000" APP_MODE=production SESSION_SECRET='s3ss-Q7w9-$zX2k'
ENV STRIPE_SECRET_KEY rk_Q7w9zX2kP4ss0000aaaa
ENV JWT_SECRET=${JWT_SECRET:-jwt-Q7w9-zX2k-0000}
ENV ADMIN_PASSWORD=changeme
ENV PGPASSWORD=p4ss-Q7w9-\
zX2k-continued
ONBUILD ENV REDIS_PASSWORD=r3d1s-Q7w9-zX2k
ENV DATABASE_URL=postgres://app:p4ss-Q7w9-zX2k@db:5432/app
