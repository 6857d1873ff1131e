FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/python:3.12-slim
# The name looks harmless; the value is a URL with a password.
ENV UPSTREAM=https://reports:not-a-real-password@reports.internal.example.com/api
USER 1000
