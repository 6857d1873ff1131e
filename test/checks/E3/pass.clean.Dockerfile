# syntax=docker/dockerfile:1
FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim AS build
WORKDIR /app
# A build argument without a default (passed as a BuildKit secret would be better still).
ARG NPM_TOKEN
COPY package*.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
COPY . .
RUN npm run build

FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim
WORKDIR /app
ENV NODE_ENV=production \
    PORT=8081 \
    AUTH_ENABLED=true \
    DB_PASSWORD_FILE=/run/secrets/db-password
COPY --from=build /app/dist ./dist
USER 1000
EXPOSE 8081 8082
CMD ["node", "dist/server.js"]
