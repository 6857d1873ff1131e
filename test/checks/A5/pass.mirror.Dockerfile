# Base images through the mirror; FROM builder is a stage, not an image.
FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/golang:1.23-bookworm AS builder
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM builder AS test
RUN go test ./...

FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/gcr.io/distroless/static-debian12
COPY --from=builder /out/app /app
ENTRYPOINT ["/app"]
