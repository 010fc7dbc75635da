# Values are made up for tests.
FROM node:20 AS build
ARG NPM_TOKEN=npm_Q7w9zX2kP4ss0000aaaaBBBBccccDDDD1111
ARG NODE_ENV=production GITHUB_TOKEN=ghp-Q7w9-zX2k-0000
ARG DEPLOY_PASSWORD=${DEPLOY_PASSWORD:-d3pl0y-Q7w9}
ARG API_KEY=your-api-key-here
