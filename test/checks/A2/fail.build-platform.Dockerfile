# $BUILDPLATFORM is whatever machine runs the build, not the cluster's.
FROM --platform=$BUILDPLATFORM harbor.internal.example.com/dockerhub-proxy/node:22-slim
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
