# The run stage pulls distroless (a gcr.io image) through the Docker Hub mirror, which cannot serve it.
FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/golang:1.23-bookworm AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
