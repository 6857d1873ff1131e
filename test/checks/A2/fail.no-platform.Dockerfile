# Built on an Apple-silicon Mac, this image is arm64 and will not start on the cluster's amd64 nodes.
FROM harbor.internal.example.com/dockerhub-proxy/python:3.12-slim
WORKDIR /app
COPY . .
USER 1000
CMD ["python", "main.py"]
