# The platform comes from an ARG whose default is linux/amd64.
ARG PLATFORM=linux/amd64
FROM --platform=${PLATFORM} harbor.internal.example.com/dockerhub-proxy/python:3.12-slim
WORKDIR /app
COPY . .
USER 1000
CMD ["python", "main.py"]
