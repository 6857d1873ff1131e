# FROM builder names an earlier stage, and scratch pulls nothing: neither needs a tag.
ARG NODE_IMAGE=harbor.internal.example.com/dockerhub-proxy/node:22-slim
FROM --platform=linux/amd64 ${NODE_IMAGE} AS builder
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM builder AS tested
RUN npm test

FROM --platform=linux/amd64 scratch
COPY --from=builder /app/dist /app
