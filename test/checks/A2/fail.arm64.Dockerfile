# The build stage is pinned to amd64, the run stage to arm64.
FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/golang:1.23-bookworm AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM --platform=linux/arm64 harbor.internal.example.com/dockerhub-proxy/gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
USER 65532
ENTRYPOINT ["/app"]
