# The run stage pulls node with no tag, i.e. whatever ':latest' is at build time.
FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim AS builder
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node
COPY --from=builder /app/dist /app
USER 1000
CMD ["node", "/app/server.js"]
