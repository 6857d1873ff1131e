FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/python:3.12-slim
ARG DATABASE_URL
# Copies whatever was passed at build time into the image's environment, for good.
ENV DATABASE_URL=${DATABASE_URL}
USER 1000
