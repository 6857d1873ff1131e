# syntax=docker/dockerfile:1
FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim
WORKDIR /app
COPY . .
ENV NODE_ENV=production
# The key is baked into the image: anyone who pulls it can run docker inspect.
ENV STRIPE_API_KEY=sk_test_not_a_real_key_0123456789
USER 1000
CMD ["node", "server.js"]
