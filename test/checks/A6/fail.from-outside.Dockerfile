# The run stage pulls distroless from gcr.io directly instead of through the mirror.
FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/golang:1.23-bookworm AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM --platform=linux/amd64 gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
