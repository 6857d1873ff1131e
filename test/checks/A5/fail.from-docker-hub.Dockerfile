# 'mirror/node' (the article's shorthand) and 'python' name no registry host: both come from Docker Hub.
FROM --platform=linux/amd64 mirror/node:22-slim AS builder
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM --platform=linux/amd64 python:3.12-slim
COPY --from=builder /app/dist /app
