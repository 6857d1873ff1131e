FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim AS build
# A default value for a build argument stays in the image history.
ARG NPM_TOKEN=npm_not_a_real_token_0123456789
RUN npm ci
FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim
COPY --from=build /app /app
USER 1000
