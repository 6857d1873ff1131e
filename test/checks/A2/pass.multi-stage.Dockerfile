# Every FROM that pulls an image says linux/amd64; FROM build (a stage) is exempt.
FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM build AS test
RUN npm test

FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim
COPY --from=build /app/dist /app
USER 1000
CMD ["node", "/app/server.js"]
