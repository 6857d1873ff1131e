// Generated from the fixtures under test/checks/ by scripts/check-examples.ts (npm run docs). Do not edit.
import type { CheckExamples } from './example';

/** A failing and a passing example of each check, by id. */
export const CHECK_EXAMPLES: Readonly<Record<string, CheckExamples>> = {
  "A1": {
    "failing": {
      "fixture": "fail.untagged-from.Dockerfile",
      "files": [
        {
          "path": "fail.untagged-from.Dockerfile",
          "text": "# The run stage pulls node with no tag, i.e. whatever ':latest' is at build time.\nFROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node\nCOPY --from=builder /app/dist /app\nUSER 1000\nCMD [\"node\", \"/app/server.js\"]\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.stages.Dockerfile",
      "files": [
        {
          "path": "pass.stages.Dockerfile",
          "text": "# FROM builder names an earlier stage, and scratch pulls nothing: neither needs a tag.\nARG NODE_IMAGE=harbor.internal.example.com/dockerhub-proxy/node:22-slim\nFROM --platform=linux/amd64 ${NODE_IMAGE} AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM builder AS tested\nRUN npm test\n\nFROM --platform=linux/amd64 scratch\nCOPY --from=builder /app/dist /app\n"
        }
      ]
    }
  },
  "A2": {
    "failing": {
      "fixture": "fail.build-platform.Dockerfile",
      "files": [
        {
          "path": "fail.build-platform.Dockerfile",
          "text": "# $BUILDPLATFORM is whatever machine runs the build, not the cluster's.\nFROM --platform=$BUILDPLATFORM harbor.internal.example.com/dockerhub-proxy/node:22-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.arg-platform.Dockerfile",
      "files": [
        {
          "path": "pass.arg-platform.Dockerfile",
          "text": "# The platform comes from an ARG whose default is linux/amd64.\nARG PLATFORM=linux/amd64\nFROM --platform=${PLATFORM} harbor.internal.example.com/dockerhub-proxy/python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD [\"python\", \"main.py\"]\n"
        }
      ]
    }
  },
  "A3": {
    "failing": {
      "fixture": "fail.pod-root-container-uid.yaml",
      "files": [
        {
          "path": "fail.pod-root-container-uid.yaml",
          "text": "# A bare Pod: the container sets a user, but nothing sets runAsNonRoot: true.\napiVersion: v1\nkind: Pod\nmetadata:\n  name: shop-debug\n  namespace: platform-vibe-shop\nspec:\n  automountServiceAccountToken: false\n  containers:\n  - name: app\n    image: harbor.internal.example.com/shop-app:a3f91bc\n    securityContext:\n      runAsUser: 1000\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop: [ALL]\n      seccompProfile:\n        type: RuntimeDefault\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.pod-level.yaml",
      "files": [
        {
          "path": "pass.pod-level.yaml",
          "text": "# runAsNonRoot: true and runAsUser: 1000 on the pod cover every container.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    }
  },
  "A4": {
    "failing": {
      "fixture": "fail.no-drop.yaml",
      "files": [
        {
          "path": "fail.no-drop.yaml",
          "text": "# The container keeps the runtime's default capabilities.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.drop-all.yaml",
      "files": [
        {
          "path": "pass.drop-all.yaml",
          "text": "# drop: [ALL] and nothing added.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    }
  },
  "A5": {
    "failing": {
      "fixture": "fail.from-docker-hub.Dockerfile",
      "files": [
        {
          "path": "fail.from-docker-hub.Dockerfile",
          "text": "# 'mirror/node' (the article's shorthand) and 'python' name no registry host: both come from Docker Hub.\nFROM --platform=linux/amd64 mirror/node:22-slim AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM --platform=linux/amd64 python:3.12-slim\nCOPY --from=builder /app/dist /app\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.mirror.Dockerfile",
      "files": [
        {
          "path": "pass.mirror.Dockerfile",
          "text": "# Base images through the mirror; FROM builder is a stage, not an image.\nFROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/golang:1.23-bookworm AS builder\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM builder AS test\nRUN go test ./...\n\nFROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/gcr.io/distroless/static-debian12\nCOPY --from=builder /out/app /app\nENTRYPOINT [\"/app\"]\n"
        }
      ]
    }
  },
  "A6": {
    "failing": {
      "fixture": "fail.from-outside.Dockerfile",
      "files": [
        {
          "path": "fail.from-outside.Dockerfile",
          "text": "# The run stage pulls distroless from gcr.io directly instead of through the mirror.\nFROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/golang:1.23-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM --platform=linux/amd64 gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT [\"/app\"]\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.registry-and-mirror.yaml",
      "files": [
        {
          "path": "pass.registry-and-mirror.yaml",
          "text": "# The app from the registry, its helper through the mirror.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      initContainers:\n        - name: wait-for-db\n          image: harbor.internal.example.com/dockerhub-proxy/debian:12-slim\n          resources:\n            requests:\n              cpu: 50m\n              memory: 64Mi\n            limits:\n              cpu: 200m\n              memory: 128Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    }
  },
  "B1": {
    "failing": {
      "fixture": "fail.serves-8080.yaml",
      "files": [
        {
          "path": "fail.serves-8080.yaml",
          "text": "# The app listens on 8080 only; the contract wants application traffic on 8081.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8080\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.declares-8081.yaml",
      "files": [
        {
          "path": "pass.declares-8081.yaml",
          "text": "# The app container declares containerPort 8081 (named http).\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    }
  },
  "B2": {
    "failing": {
      "fixture": "fail.no-8082.yaml",
      "files": [
        {
          "path": "fail.no-8082.yaml",
          "text": "# No container of the app pod declares the management port 8082.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.app-container.yaml",
      "files": [
        {
          "path": "pass.app-container.yaml",
          "text": "# The app container declares 8081 and 8082.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    }
  },
  "B3": {
    "failing": {
      "fixture": "fail.no-liveness-probe.yaml",
      "files": [
        {
          "path": "fail.no-liveness-probe.yaml",
          "text": "# The app has a readiness probe but no liveness probe.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.numbered-port.yaml",
      "files": [
        {
          "path": "pass.numbered-port.yaml",
          "text": "# livenessProbe: httpGet /liveness on port 8082.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    }
  },
  "B4": {
    "failing": {
      "fixture": "fail.no-readiness-probe.yaml",
      "files": [
        {
          "path": "fail.no-readiness-probe.yaml",
          "text": "# The app has no readiness probe.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.numbered-port.yaml",
      "files": [
        {
          "path": "pass.numbered-port.yaml",
          "text": "# readinessProbe: httpGet /readiness on port 8082.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    }
  },
  "B5": {
    "failing": {
      "fixture": "fail.default-timeout.yaml",
      "files": [
        {
          "path": "fail.default-timeout.yaml",
          "text": "# The liveness probe sets no timeoutSeconds, so Kubernetes gives up after 1 s.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.five-seconds.yaml",
      "files": [
        {
          "path": "pass.five-seconds.yaml",
          "text": "# Every probe waits 5 s and the set has no database.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    }
  },
  "B6": {
    "failing": {
      "fixture": "fail.host-port.yaml",
      "files": [
        {
          "path": "fail.host-port.yaml",
          "text": "# The container publishes 8082 on its node with hostPort.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n          hostPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.loadbalancer-to-8080.yaml",
      "files": [
        {
          "path": "pass.loadbalancer-to-8080.yaml",
          "text": "# A LoadBalancer Service that lands on nginx 8080.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-nginx\nspec:\n  selector:\n    matchLabels:\n      app: shop-nginx\n  template:\n    metadata:\n      labels:\n        app: shop-nginx\n        app.kubernetes.io/component: reverse-proxy\n    spec:\n      containers:\n      - name: nginx\n        image: harbor.internal.example.com/dockerhub-proxy/nginx:1.27\n        ports:\n        - name: http\n          containerPort: 8080\n        - name: mgmt\n          containerPort: 8082\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-nginx\nspec:\n  type: LoadBalancer\n  selector:\n    app: shop-nginx\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n"
        }
      ]
    }
  },
  "C1": {
    "failing": {
      "fixture": "fail.no-policies.yaml",
      "files": [
        {
          "path": "fail.no-policies.yaml",
          "text": "# C1 fails: no NetworkPolicy at all, so every pod accepts connections from anywhere.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.renamed-deny.yaml",
      "files": [
        {
          "path": "pass.renamed-deny.yaml",
          "text": "# C1 passes: the deny-all-ingress policy is called \"lockdown\". C1 judges what a policy selects\n# and allows, never its name.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: lockdown\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-ingress-controller\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-nginx }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: kube-system }\n          podSelector:\n            matchLabels: { app.kubernetes.io/name: traefik }\n      ports:\n        - port: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-nginx-to-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-nginx }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 8081\n"
        }
      ]
    }
  },
  "C2": {
    "failing": {
      "fixture": "fail.nginx-cannot-reach-app.yaml",
      "files": [
        {
          "path": "fail.nginx-cannot-reach-app.yaml",
          "text": "# C2 fails: Traefik reaches nginx, but no policy lets nginx reach the app on 8081, so every\n# request ends in a 502 from nginx.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-ingress-controller\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-nginx }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: kube-system }\n          podSelector:\n            matchLabels: { app.kubernetes.io/name: traefik }\n      ports:\n        - port: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 8081\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.app-behind-named-port.yaml",
      "files": [
        {
          "path": "pass.app-behind-named-port.yaml",
          "text": "# C2 passes: no nginx; the Ingress routes to Service shop-app port 80, whose targetPort is the\n# named port http (8081); the allow names the port by name too.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 80, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-app\n                port: { number: 80 }\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: front-door\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: kube-system }\n          podSelector:\n            matchLabels: { app.kubernetes.io/name: traefik }\n      ports:\n        - port: http\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 8081\n"
        }
      ]
    }
  },
  "C3": {
    "failing": {
      "fixture": "fail.scraper-pod-label.yaml",
      "files": [
        {
          "path": "fail.scraper-pod-label.yaml",
          "text": "# C3 fails: the scrape allow names only pods app: vmagent in the observability namespace; the\n# platform's scraper is any pod of that namespace, so a policy must not depend on its labels.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-ingress-controller\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-nginx }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: kube-system }\n          podSelector:\n            matchLabels: { app.kubernetes.io/name: traefik }\n      ports:\n        - port: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-nginx-to-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-nginx }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n          podSelector:\n            matchLabels: { app: vmagent }\n      ports:\n        - port: 8081\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.yaml",
      "files": [
        {
          "path": "pass.yaml",
          "text": "# C3 passes: the observability namespace may scrape the app on 8081 and the exporter on 9187.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-postgres\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-postgres }\n  template:\n    metadata:\n      labels: { app: shop-postgres }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/library/postgres:16\n          ports:\n            - { name: postgres, containerPort: 5432 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-postgres-exporter\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-postgres-exporter }\n  template:\n    metadata:\n      labels: { app: shop-postgres-exporter }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"9187\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/prometheuscommunity/postgres-exporter:v0.15.0\n          ports:\n            - { name: metrics, containerPort: 9187 }\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-ingress-controller\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-nginx }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: kube-system }\n          podSelector:\n            matchLabels: { app.kubernetes.io/name: traefik }\n      ports:\n        - port: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-nginx-to-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-nginx }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-app-to-postgres\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-postgres }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-app }\n      ports:\n        - port: 5432\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-exporter-to-postgres\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-postgres }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-postgres-exporter }\n      ports:\n        - port: 5432\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-exporter\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-postgres-exporter }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 9187\n"
        }
      ]
    }
  },
  "C4": {
    "failing": {
      "fixture": "fail.mysql-no-allow.yaml",
      "files": [
        {
          "path": "fail.mysql-no-allow.yaml",
          "text": "# C4 fails: the default deny closes MySQL and nothing lets the app in on 3306.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: shop-mysql-data\n  namespace: platform-vibe-shop\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 5Gi\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-mysql\n  namespace: platform-vibe-shop\nspec:\n  replicas: 1\n  strategy:\n    type: Recreate\n  selector:\n    matchLabels: { app: shop-mysql }\n  template:\n    metadata:\n      labels: { app: shop-mysql }\n    spec:\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 999\n        fsGroup: 999\n        seccompProfile: { type: RuntimeDefault }\n      containers:\n        - name: mysql\n          image: harbor.internal.example.com/dockerhub-proxy/library/mysql:8.4\n          ports:\n            - { name: mysql, containerPort: 3306 }\n          resources:\n            requests: { cpu: 250m, memory: 512Mi }\n            limits: { cpu: 1000m, memory: 1Gi }\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [ALL]\n          volumeMounts:\n            - { name: data, mountPath: /var/lib/mysql }\n            - { name: run, mountPath: /var/run/mysqld }\n            - { name: tmp, mountPath: /tmp }\n      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: shop-mysql-data\n        - name: run\n          emptyDir: {}\n        - name: tmp\n          emptyDir: {}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-mysql\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-mysql }\n  ports:\n    - { name: mysql, port: 3306, targetPort: mysql }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n    spec:\n      initContainers:\n        - name: wait-for-mysql\n          image: harbor.internal.example.com/dockerhub-proxy/debian:12-slim\n          command: [bash, -c, \"until (echo > /dev/tcp/shop-mysql/3306) 2>/dev/null; do sleep 2; done\"]\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [ALL]\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [ALL]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.mysql.yaml",
      "files": [
        {
          "path": "pass.mysql.yaml",
          "text": "# A hand-written MySQL set as a user brings it: the component catalogue recognizes mysql (port 3306, data in /var/lib/mysql).\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: shop-mysql-data\n  namespace: platform-vibe-shop\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 5Gi\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-mysql\n  namespace: platform-vibe-shop\nspec:\n  replicas: 1\n  strategy:\n    type: Recreate\n  selector:\n    matchLabels: { app: shop-mysql }\n  template:\n    metadata:\n      labels: { app: shop-mysql }\n    spec:\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 999\n        fsGroup: 999\n        seccompProfile: { type: RuntimeDefault }\n      containers:\n        - name: mysql\n          image: harbor.internal.example.com/dockerhub-proxy/library/mysql:8.4\n          ports:\n            - { name: mysql, containerPort: 3306 }\n          resources:\n            requests: { cpu: 250m, memory: 512Mi }\n            limits: { cpu: 1000m, memory: 1Gi }\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [ALL]\n          volumeMounts:\n            - { name: data, mountPath: /var/lib/mysql }\n            - { name: run, mountPath: /var/run/mysqld }\n            - { name: tmp, mountPath: /tmp }\n      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: shop-mysql-data\n        - name: run\n          emptyDir: {}\n        - name: tmp\n          emptyDir: {}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-mysql\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-mysql }\n  ports:\n    - { name: mysql, port: 3306, targetPort: mysql }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n    spec:\n      initContainers:\n        - name: wait-for-mysql\n          image: harbor.internal.example.com/dockerhub-proxy/debian:12-slim\n          command: [bash, -c, \"until (echo > /dev/tcp/shop-mysql/3306) 2>/dev/null; do sleep 2; done\"]\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [ALL]\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [ALL]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-app-to-mysql\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-mysql }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-app }\n      ports:\n        - port: 3306\n"
        }
      ]
    }
  },
  "C5": {
    "failing": {
      "fixture": "fail.wrong-port.yaml",
      "files": [
        {
          "path": "fail.wrong-port.yaml",
          "text": "# C5 fails: the allow opens 6380, but redis serves the app on 6379.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-redis\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-redis }\n  template:\n    metadata:\n      labels: { app: shop-redis }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/library/redis:7.4\n          ports:\n            - { name: redis, containerPort: 6379 }\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-ingress-controller\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-nginx }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: kube-system }\n          podSelector:\n            matchLabels: { app.kubernetes.io/name: traefik }\n      ports:\n        - port: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-nginx-to-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-nginx }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-app-to-redis\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-redis }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-app }\n      ports:\n        - port: 6380\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.yaml",
      "files": [
        {
          "path": "pass.yaml",
          "text": "# C5 passes: the app may connect to redis on 6379.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-redis\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-redis }\n  template:\n    metadata:\n      labels: { app: shop-redis }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/library/redis:7.4\n          ports:\n            - { name: redis, containerPort: 6379 }\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-ingress-controller\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-nginx }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: kube-system }\n          podSelector:\n            matchLabels: { app.kubernetes.io/name: traefik }\n      ports:\n        - port: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-nginx-to-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-nginx }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-app-to-redis\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-redis }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-app }\n      ports:\n        - port: 6379\n"
        }
      ]
    }
  },
  "C6": {
    "failing": {
      "fixture": "fail.management-port-only.yaml",
      "files": [
        {
          "path": "fail.management-port-only.yaml",
          "text": "# C6 fails: the app is allowed to rabbitmq's management port 15672 only, not AMQP on 5672.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-rabbitmq\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-rabbitmq }\n  template:\n    metadata:\n      labels: { app: shop-rabbitmq }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"15692\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/library/rabbitmq:3.13\n          ports:\n            - { name: amqp, containerPort: 5672 }\n            - { name: prometheus, containerPort: 15692 }\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-ingress-controller\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-nginx }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: kube-system }\n          podSelector:\n            matchLabels: { app.kubernetes.io/name: traefik }\n      ports:\n        - port: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-nginx-to-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-nginx }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-app-to-rabbitmq\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-rabbitmq }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-app }\n      ports:\n        - port: 15672\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-rabbitmq\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-rabbitmq }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 15692\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.yaml",
      "files": [
        {
          "path": "pass.yaml",
          "text": "# C6 passes: the app may connect to rabbitmq on 5672, the scraper to its Prometheus port 15692.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-rabbitmq\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-rabbitmq }\n  template:\n    metadata:\n      labels: { app: shop-rabbitmq }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"15692\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/library/rabbitmq:3.13\n          ports:\n            - { name: amqp, containerPort: 5672 }\n            - { name: prometheus, containerPort: 15692 }\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-ingress-controller\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-nginx }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: kube-system }\n          podSelector:\n            matchLabels: { app.kubernetes.io/name: traefik }\n      ports:\n        - port: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-nginx-to-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-nginx }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-app-to-rabbitmq\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-rabbitmq }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-app }\n      ports:\n        - port: 5672\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-rabbitmq\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-rabbitmq }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 15692\n"
        }
      ]
    }
  },
  "C7": {
    "failing": {
      "fixture": "fail.no-policies.yaml",
      "files": [
        {
          "path": "fail.no-policies.yaml",
          "text": "# C7 fails: without any NetworkPolicy every pod, the database included, accepts connections from\n# every namespace and from outside the cluster.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-postgres\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-postgres }\n  template:\n    metadata:\n      labels: { app: shop-postgres }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/library/postgres:16\n          ports:\n            - { name: postgres, containerPort: 5432 }\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.yaml",
      "files": [
        {
          "path": "pass.yaml",
          "text": "# C7 passes: default deny, then one narrow allow per flow; postgres is reachable only from the\n# app and its exporter, 8082 from nobody outside the namespace.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-postgres\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-postgres }\n  template:\n    metadata:\n      labels: { app: shop-postgres }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/library/postgres:16\n          ports:\n            - { name: postgres, containerPort: 5432 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-postgres-exporter\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-postgres-exporter }\n  template:\n    metadata:\n      labels: { app: shop-postgres-exporter }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"9187\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/prometheuscommunity/postgres-exporter:v0.15.0\n          ports:\n            - { name: metrics, containerPort: 9187 }\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-ingress-controller\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-nginx }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: kube-system }\n          podSelector:\n            matchLabels: { app.kubernetes.io/name: traefik }\n      ports:\n        - port: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-nginx-to-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-nginx }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-app-to-postgres\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-postgres }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-app }\n      ports:\n        - port: 5432\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-exporter-to-postgres\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-postgres }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-postgres-exporter }\n      ports:\n        - port: 5432\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-exporter\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-postgres-exporter }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 9187\n"
        }
      ]
    }
  },
  "C8": {
    "failing": {
      "fixture": "fail.other-namespace.yaml",
      "files": [
        {
          "path": "fail.other-namespace.yaml",
          "text": "# C8 fails: the policy is written for namespace platform-vibe-shop-staging, where this set runs no\n# pod; its selector matches shop-app in platform-vibe-shop.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-ingress-controller\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-nginx }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: kube-system }\n          podSelector:\n            matchLabels: { app.kubernetes.io/name: traefik }\n      ports:\n        - port: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-nginx-to-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-nginx }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop-staging\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 8081\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.yaml",
      "files": [
        {
          "path": "pass.yaml",
          "text": "# C8 passes: every policy selects at least one pod (the deny selects them all).\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-nginx }\n  template:\n    metadata:\n      labels: { app: shop-nginx }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/nginxinc/nginx-unprivileged:1.27\n          ports:\n            - { name: http, containerPort: 8080 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-nginx\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-nginx }\n  ports:\n    - { name: http, port: 8080, targetPort: http }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector: { app: shop-app }\n  ports:\n    - { name: http, port: 8081, targetPort: http }\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  tls:\n    - hosts: [platform-shop.internal.example.com]\n  rules:\n    - host: platform-shop.internal.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop-nginx\n                port: { number: 8080 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-postgres\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-postgres }\n  template:\n    metadata:\n      labels: { app: shop-postgres }\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/library/postgres:16\n          ports:\n            - { name: postgres, containerPort: 5432 }\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-ingress-controller\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-nginx }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: kube-system }\n          podSelector:\n            matchLabels: { app.kubernetes.io/name: traefik }\n      ports:\n        - port: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-nginx-to-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-nginx }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-metrics-scrape-app\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-app }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: { kubernetes.io/metadata.name: platform-vibe-observability }\n      ports:\n        - port: 8081\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-app-to-postgres\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-postgres }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-app }\n      ports:\n        - port: 5432\n"
        }
      ]
    }
  },
  "D1": {
    "failing": {
      "fixture": "fail.no-claim.yaml",
      "files": [
        {
          "path": "fail.no-claim.yaml",
          "text": "# The database keeps its data on an emptyDir: no PVC at all.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-postgres\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-postgres\nspec:\n  selector:\n    matchLabels:\n      app: shop-postgres\n  strategy:\n    type: Recreate\n  template:\n    metadata:\n      labels:\n        app: shop-postgres\n        app.kubernetes.io/component: database\n    spec:\n      containers:\n      - name: postgres\n        image: harbor.internal.example.com/dockerhub-proxy/postgres:16\n        ports:\n        - name: postgres\n          containerPort: 5432\n        livenessProbe:\n          exec:\n            command:\n            - pg_isready\n            - --host\n            - 127.0.0.1\n          timeoutSeconds: 5\n        readinessProbe:\n          exec:\n            command:\n            - pg_isready\n            - --host\n            - 127.0.0.1\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: data\n          mountPath: /var/lib/postgresql/data\n        - name: run\n          mountPath: /var/run/postgresql\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: data\n        emptyDir: {}\n      - name: run\n        emptyDir: {}\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.statefulset-claim-template.yaml",
      "files": [
        {
          "path": "pass.statefulset-claim-template.yaml",
          "text": "# A StatefulSet defines its own claim with volumeClaimTemplates.\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: shop-postgres\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-postgres\nspec:\n  selector:\n    matchLabels:\n      app: shop-postgres\n  serviceName: shop-postgres\n  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes:\n      - ReadWriteOnce\n      resources:\n        requests:\n          storage: 5Gi\n  template:\n    metadata:\n      labels:\n        app: shop-postgres\n        app.kubernetes.io/component: database\n    spec:\n      containers:\n      - name: postgres\n        image: harbor.internal.example.com/dockerhub-proxy/postgres:16\n        ports:\n        - name: postgres\n          containerPort: 5432\n        volumeMounts:\n        - name: data\n          mountPath: /var/lib/postgresql/data\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n"
        }
      ]
    }
  },
  "D2": {
    "failing": {
      "fixture": "fail.rabbitmq-on-claim.yaml",
      "files": [
        {
          "path": "fail.rabbitmq-on-claim.yaml",
          "text": "# rabbitmq keeps its data on a PVC but updates with RollingUpdate.\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: shop-rabbitmq-data\n  namespace: platform-vibe-shop\nspec:\n  accessModes:\n  - ReadWriteOnce\n  resources:\n    requests:\n      storage: 5Gi\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-rabbitmq\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-rabbitmq\nspec:\n  selector:\n    matchLabels:\n      app: shop-rabbitmq\n  strategy:\n    type: RollingUpdate\n  template:\n    metadata:\n      labels:\n        app: shop-rabbitmq\n        app.kubernetes.io/component: message-broker\n    spec:\n      containers:\n      - name: rabbitmq\n        image: harbor.internal.example.com/dockerhub-proxy/rabbitmq:3.13-management\n        ports:\n        - name: amqp\n          containerPort: 5672\n        volumeMounts:\n        - name: data\n          mountPath: /var/lib/rabbitmq\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: data\n        persistentVolumeClaim:\n          claimName: shop-rabbitmq-data\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.recreate.yaml",
      "files": [
        {
          "path": "pass.recreate.yaml",
          "text": "# The database Deployment uses strategy Recreate.\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: shop-postgres-data\n  namespace: platform-vibe-shop\nspec:\n  accessModes:\n  - ReadWriteOnce\n  resources:\n    requests:\n      storage: 5Gi\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-postgres\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-postgres\nspec:\n  selector:\n    matchLabels:\n      app: shop-postgres\n  strategy:\n    type: Recreate\n  template:\n    metadata:\n      labels:\n        app: shop-postgres\n        app.kubernetes.io/component: database\n    spec:\n      containers:\n      - name: postgres\n        image: harbor.internal.example.com/dockerhub-proxy/postgres:16\n        ports:\n        - name: postgres\n          containerPort: 5432\n        livenessProbe:\n          exec:\n            command:\n            - pg_isready\n            - --host\n            - 127.0.0.1\n          timeoutSeconds: 5\n        readinessProbe:\n          exec:\n            command:\n            - pg_isready\n            - --host\n            - 127.0.0.1\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: data\n          mountPath: /var/lib/postgresql/data\n        - name: run\n          mountPath: /var/run/postgresql\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: data\n        persistentVolumeClaim:\n          claimName: shop-postgres-data\n      - name: run\n        emptyDir: {}\n"
        }
      ]
    }
  },
  "D3": {
    "failing": {
      "fixture": "fail.mysql-no-wait.yaml",
      "files": [
        {
          "path": "fail.mysql-no-wait.yaml",
          "text": "# D3 fails: the app does not wait for MySQL, which has no Service; the fix names the catalogue port 3306 (not postgres' 5432).\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: shop-mysql-data\n  namespace: platform-vibe-shop\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 5Gi\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-mysql\n  namespace: platform-vibe-shop\nspec:\n  replicas: 1\n  strategy:\n    type: Recreate\n  selector:\n    matchLabels: { app: shop-mysql }\n  template:\n    metadata:\n      labels: { app: shop-mysql }\n    spec:\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 999\n        fsGroup: 999\n        seccompProfile: { type: RuntimeDefault }\n      containers:\n        - name: mysql\n          image: harbor.internal.example.com/dockerhub-proxy/library/mysql:8.4\n          ports:\n            - { name: mysql, containerPort: 3306 }\n          resources:\n            requests: { cpu: 250m, memory: 512Mi }\n            limits: { cpu: 1000m, memory: 1Gi }\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [ALL]\n          volumeMounts:\n            - { name: data, mountPath: /var/lib/mysql }\n            - { name: run, mountPath: /var/run/mysqld }\n            - { name: tmp, mountPath: /tmp }\n      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: shop-mysql-data\n        - name: run\n          emptyDir: {}\n        - name: tmp\n          emptyDir: {}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n    spec:\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [ALL]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: platform-vibe-shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-app-to-mysql\n  namespace: platform-vibe-shop\nspec:\n  podSelector:\n    matchLabels: { app: shop-mysql }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: { app: shop-app }\n      ports:\n        - port: 3306\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.waits-for-service.yaml",
      "files": [
        {
          "path": "pass.waits-for-service.yaml",
          "text": "# An init container waits until shop-postgres:5432 answers.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      initContainers:\n      - name: wait-for-postgres\n        image: harbor.internal.example.com/dockerhub-proxy/debian:12-slim\n        command:\n        - bash\n        - -c\n        - until (echo > /dev/tcp/shop-postgres/5432) 2>/dev/null; do sleep 2; done\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: shop-postgres-data\n  namespace: platform-vibe-shop\nspec:\n  accessModes:\n  - ReadWriteOnce\n  resources:\n    requests:\n      storage: 5Gi\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-postgres\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-postgres\nspec:\n  selector:\n    matchLabels:\n      app: shop-postgres\n  strategy:\n    type: Recreate\n  template:\n    metadata:\n      labels:\n        app: shop-postgres\n        app.kubernetes.io/component: database\n    spec:\n      containers:\n      - name: postgres\n        image: harbor.internal.example.com/dockerhub-proxy/postgres:16\n        ports:\n        - name: postgres\n          containerPort: 5432\n        livenessProbe:\n          exec:\n            command:\n            - pg_isready\n            - --host\n            - 127.0.0.1\n          timeoutSeconds: 5\n        readinessProbe:\n          exec:\n            command:\n            - pg_isready\n            - --host\n            - 127.0.0.1\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: data\n          mountPath: /var/lib/postgresql/data\n        - name: run\n          mountPath: /var/run/postgresql\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: data\n        persistentVolumeClaim:\n          claimName: shop-postgres-data\n      - name: run\n        emptyDir: {}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-postgres\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-postgres\nspec:\n  selector:\n    app: shop-postgres\n  ports:\n  - name: postgres\n    port: 5432\n    targetPort: postgres\n"
        }
      ]
    }
  },
  "D4": {
    "failing": {
      "fixture": "fail.mongo-without-volume.yaml",
      "files": [
        {
          "path": "fail.mongo-without-volume.yaml",
          "text": "# mongo writes /data/db to the container filesystem (no volume there).\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-mongo\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-mongo\nspec:\n  selector:\n    matchLabels:\n      app: shop-mongo\n  strategy:\n    type: Recreate\n  template:\n    metadata:\n      labels:\n        app: shop-mongo\n        app.kubernetes.io/component: database\n    spec:\n      containers:\n      - name: mongo\n        image: harbor.internal.example.com/dockerhub-proxy/mongo:7.0\n        ports:\n        - name: mongo\n          containerPort: 27017\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.redis-cache.yaml",
      "files": [
        {
          "path": "pass.redis-cache.yaml",
          "text": "# redis runs without persistence (--save '' --appendonly no): its /data emptyDir holds no data worth keeping.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-redis\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-redis\nspec:\n  selector:\n    matchLabels:\n      app: shop-redis\n  strategy:\n    type: Recreate\n  template:\n    metadata:\n      labels:\n        app: shop-redis\n        app.kubernetes.io/component: cache\n    spec:\n      containers:\n      - name: redis\n        image: harbor.internal.example.com/dockerhub-proxy/redis:7.4\n        command:\n        - redis-server\n        - --save\n        - ''\n        - --appendonly\n        - 'no'\n        volumeMounts:\n        - name: data\n          mountPath: /data\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: data\n        emptyDir: {}\n"
        }
      ]
    }
  },
  "E1": {
    "failing": {
      "fixture": "fail.plain-secret.yaml",
      "files": [
        {
          "path": "fail.plain-secret.yaml",
          "text": "# The article's case: a plain Secret committed as k8s/02-secrets.yaml. base64 is an encoding, not encryption.\napiVersion: v1\nkind: Secret\nmetadata:\n  name: my-app-secret\n  namespace: platform-vibe-my-app\ntype: Opaque\ndata:\n  DATABASE_URL: cG9zdGdyZXM6Ly91c2VyOnBhc3NAbXktYXBwLXBvc3RncmVzOjU0MzIvYXBwZGI=\n  API_KEY: c2stLi4u\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.no-secrets.yaml",
      "files": [
        {
          "path": "pass.no-secrets.yaml",
          "text": "# No secret of any kind: nothing to report.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\n  namespace: platform-vibe-shop\ndata:\n  LOG_LEVEL: info\n"
        }
      ]
    }
  },
  "E2": {
    "failing": {
      "fixture": "fail.url-password-value.yaml",
      "files": [
        {
          "path": "fail.url-password-value.yaml",
          "text": "# Innocent key name, but the value is a URL with a password.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\n  namespace: platform-vibe-shop\ndata:\n  UPSTREAM: https://reporting:not-a-real-password@reports.internal.example.com/api\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.settings-about-credentials.yaml",
      "files": [
        {
          "path": "pass.settings-about-credentials.yaml",
          "text": "# Settings whose names hold credential words but describe, count or name something: not credentials.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\n  namespace: platform-vibe-shop\ndata:\n  MONKEY_COUNT: \"3\"\n  KEYBOARD_LAYOUT: us\n  CACHE_KEY_PREFIX: \"app:\"\n  SORT_KEY: name\n  TOKEN_TTL_SECONDS: \"3600\"\n  PASSWORD_MIN_LENGTH: \"12\"\n  MAX_TOKENS: \"4096\"\n  MONGODB_URI: mongodb://shop-mongodb:27017/admin\n  REQUEST_ID_HEADER: X-Request-Id\n  IMAGE_DIGEST: sha256:3b1c2f0e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c\n"
        }
      ]
    }
  },
  "E3": {
    "failing": {
      "fixture": "fail.build-arg-copied-to-env.Dockerfile",
      "files": [
        {
          "path": "fail.build-arg-copied-to-env.Dockerfile",
          "text": "FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/python:3.12-slim\nARG DATABASE_URL\n# Copies whatever was passed at build time into the image's environment, for good.\nENV DATABASE_URL=${DATABASE_URL}\nUSER 1000\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.clean.Dockerfile",
      "files": [
        {
          "path": "pass.clean.Dockerfile",
          "text": "# syntax=docker/dockerfile:1\nFROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim AS build\nWORKDIR /app\n# A build argument without a default (passed as a BuildKit secret would be better still).\nARG NPM_TOKEN\nCOPY package*.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nCOPY . .\nRUN npm run build\n\nFROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim\nWORKDIR /app\nENV NODE_ENV=production \\\n    PORT=8081 \\\n    AUTH_ENABLED=true \\\n    DB_PASSWORD_FILE=/run/secrets/db-password\nCOPY --from=build /app/dist ./dist\nUSER 1000\nEXPOSE 8081 8082\nCMD [\"node\", \"dist/server.js\"]\n"
        }
      ]
    }
  },
  "E4": {
    "failing": {
      "fixture": "fail.unsealed-stub.yaml",
      "files": [
        {
          "path": "fail.unsealed-stub.yaml",
          "text": "# What synth writes before `vibe seal --generate`: stubs that would start the app without credentials.\napiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: shop-secrets\n  namespace: platform-vibe-shop\nspec:\n  encryptedData:\n    DATABASE_URL: REPLACE_ME\n    POSTGRES_PASSWORD: REPLACE_ME\n  template:\n    metadata:\n      name: shop-secrets\n      namespace: platform-vibe-shop\n    type: Opaque\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.prose.yaml",
      "files": [
        {
          "path": "pass.prose.yaml",
          "text": "# Words, not placeholders: \"Replace this with a message\" (Online Boutique), \"replace me\" with a space.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\n  namespace: platform-vibe-shop\n  annotations:\n    note: Replace this with a message before the launch; change me when ready\ndata:\n  banner: Replace this with a message\n  REPLACEMENT_POLICY: replace-on-change\n  CHANGELOG_URL: https://example.com/changemelog\n"
        }
      ]
    }
  },
  "E5": {
    "failing": {
      "fixture": "fail.private-key-in-value.yaml",
      "files": [
        {
          "path": "fail.private-key-in-value.yaml",
          "text": "# The name says nothing; the value is a private key.\napiVersion: v1\nkind: Pod\nmetadata:\n  name: deployer\n  namespace: platform-vibe-shop\nspec:\n  containers:\n    - name: deployer\n      image: harbor.internal.example.com/deployer:0123abc\n      env:\n        - name: the_good_stuff\n          value: |\n            -----BEGIN OPENSSH PRIVATE KEY-----\n            not a real key\n            -----END OPENSSH PRIVATE KEY-----\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.secret-key-ref.yaml",
      "files": [
        {
          "path": "pass.secret-key-ref.yaml",
          "text": "# Credentials only through secretKeyRef; composed values reference them with $(VAR); the rest is settings.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n    spec:\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop:0123abc\n          envFrom:\n            - configMapRef: { name: shop-config }\n            - secretRef: { name: shop-secrets }\n          env:\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: { name: shop-secrets, key: DB_PASSWORD }\n            - name: DATABASE_URL\n              value: postgres://app:$(DB_PASSWORD)@shop-postgres:5432/app\n            - name: AUTH_ENABLED\n              value: \"true\"\n            - name: DB_PASSWORD_FILE\n              value: /run/secrets/db-password\n            - name: POD_NAME\n              valueFrom:\n                fieldRef: { fieldPath: metadata.name }\n            - name: GREETING\n              value: hello\n"
        }
      ]
    }
  },
  "E6": {
    "failing": {
      "fixture": "fail.outside-app-namespace.yaml",
      "files": [
        {
          "path": "fail.outside-app-namespace.yaml",
          "text": "# Nobody uses it; it must still be in the app namespace (the Namespace object).\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n---\napiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: shop-secrets\n  namespace: platform-vibe-other\nspec:\n  encryptedData:\n    DB_PASSWORD: REPLACE_ME\n  template:\n    metadata:\n      name: shop-secrets\n      namespace: platform-vibe-other\n    type: Opaque\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.same-namespace.yaml",
      "files": [
        {
          "path": "pass.same-namespace.yaml",
          "text": "# Same namespace as the workload that reads it.\napiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: shop-secrets\n  namespace: platform-vibe-shop\nspec:\n  encryptedData:\n    DB_PASSWORD: REPLACE_ME\n  template:\n    metadata:\n      name: shop-secrets\n      namespace: platform-vibe-shop\n    type: Opaque\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n    spec:\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop:0123abc\n          env:\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: { name: shop-secrets, key: DB_PASSWORD }\n"
        }
      ]
    }
  },
  "E7": {
    "failing": {
      "fixture": "fail.truncated-value.yaml",
      "files": [
        {
          "path": "fail.truncated-value.yaml",
          "text": "# A sealed value cut short when it was copied: the RSA block is incomplete.\napiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: shop-secrets\n  namespace: platform-vibe-shop\nspec:\n  encryptedData:\n    POSTGRES_PASSWORD: AQA6ACI6wheJx6g4CZoYXseOtpHMs3YCe0IO3NRPd+yyYhdiyUY77fn8cPQUHpooKO34fe7FyzsFlEnNE0RckmrTnZw+smx6fWtezz+8isVZGrHrH1gt5Q7uBaI7fmuT4MsIGKTdSGfqmf8uDN0IASc1bGjNZlt5zICb63u660DNxQ1xGDgmwTup/lOlpt6Fu5k6nb8j\n  template:\n    metadata:\n      name: shop-secrets\n      namespace: platform-vibe-shop\n    type: Opaque\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.unsealed-placeholder.yaml",
      "files": [
        {
          "path": "pass.unsealed-placeholder.yaml",
          "text": "# REPLACE_ME stubs are E4's business, not E7's.\napiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: shop-secrets\n  namespace: platform-vibe-shop\nspec:\n  encryptedData:\n    POSTGRES_PASSWORD: REPLACE_ME\n    DATABASE_URL: REPLACE_ME\n  template:\n    metadata:\n      name: shop-secrets\n      namespace: platform-vibe-shop\n    type: Opaque\n"
        }
      ]
    }
  },
  "F1": {
    "failing": {
      "fixture": "fail.no-requests.yaml",
      "files": [
        {
          "path": "fail.no-requests.yaml",
          "text": "# The app container sets limits only.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.every-container.yaml",
      "files": [
        {
          "path": "pass.every-container.yaml",
          "text": "# The app, its init container and its sidecar all request cpu and memory.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      initContainers:\n        - name: wait-for-db\n          image: harbor.internal.example.com/dockerhub-proxy/debian:12-slim\n          resources:\n            requests:\n              cpu: 50m\n              memory: 64Mi\n            limits:\n              cpu: 200m\n              memory: 128Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n        - name: mgmt-sidecar\n          image: harbor.internal.example.com/dockerhub-proxy/nginx:1.27\n          resources:\n            requests:\n              cpu: 50m\n              memory: 64Mi\n            limits:\n              cpu: 200m\n              memory: 128Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    }
  },
  "F2": {
    "failing": {
      "fixture": "fail.no-limits.yaml",
      "files": [
        {
          "path": "fail.no-limits.yaml",
          "text": "# The app container sets requests only.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.every-container.yaml",
      "files": [
        {
          "path": "pass.every-container.yaml",
          "text": "# The app, its init container and its sidecar all limit cpu and memory.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      initContainers:\n        - name: wait-for-db\n          image: harbor.internal.example.com/dockerhub-proxy/debian:12-slim\n          resources:\n            requests:\n              cpu: 50m\n              memory: 64Mi\n            limits:\n              cpu: 200m\n              memory: 128Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n        - name: mgmt-sidecar\n          image: harbor.internal.example.com/dockerhub-proxy/nginx:1.27\n          resources:\n            requests:\n              cpu: 50m\n              memory: 64Mi\n            limits:\n              cpu: 200m\n              memory: 128Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    }
  },
  "F3": {
    "failing": {
      "fixture": "fail.requests-only.yaml",
      "files": [
        {
          "path": "fail.requests-only.yaml",
          "text": "# Requests that equal the md row, but no limits: a row has four values.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.no-resources.yaml",
      "files": [
        {
          "path": "pass.no-resources.yaml",
          "text": "# A container without any resources is F1's and F2's concern, not F3's: only the sized sidecar\n# is judged (one pass), the app container with resources: {} is not.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources: {}\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n        - name: mgmt-sidecar\n          image: harbor.internal.example.com/dockerhub-proxy/nginx:1.27\n          resources:\n            requests:\n              cpu: 50m\n              memory: 64Mi\n            limits:\n              cpu: 200m\n              memory: 128Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    }
  },
  "F4": {
    "failing": {
      "fixture": "fail.redis-by-image.yaml",
      "files": [
        {
          "path": "fail.redis-by-image.yaml",
          "text": "# No labels, but the image says redis; xs is below md.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cache\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: cache\n  template:\n    metadata:\n      labels:\n        app: cache\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: redis\n          image: harbor.internal.example.com/dockerhub-proxy/redis:7.4\n          resources:\n            requests:\n              cpu: 50m\n              memory: 64Mi\n            limits:\n              cpu: 200m\n              memory: 128Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.mongo-lg-by-value.yaml",
      "files": [
        {
          "path": "pass.mongo-lg-by-value.yaml",
          "text": "# mongo at lg written as 0.5 cpu, 1 cpu, 0.5Gi and 1024Mi.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-mongo\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-mongo\n  template:\n    metadata:\n      labels:\n        app: shop-mongo\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: mongo\n          image: harbor.internal.example.com/dockerhub-proxy/mongo:7.0\n          resources:\n            requests:\n              cpu: 0.5\n              memory: 0.5Gi\n            limits:\n              cpu: 1\n              memory: 1024Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    }
  },
  "F5": {
    "failing": {
      "fixture": "fail.hpa-targets-another-workload.yaml",
      "files": [
        {
          "path": "fail.hpa-targets-another-workload.yaml",
          "text": "# The HPA scales a Deployment that is not in the set; shop-app itself has none.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop-app:a3f91bc\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: shop-web\n  namespace: platform-vibe-shop\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: shop-web\n  minReplicas: 1\n  maxReplicas: 3\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.hpa.yaml",
      "files": [
        {
          "path": "pass.hpa.yaml",
          "text": "# The HPA decides the replica count; the Deployment sets none. The database (not the app) keeps replicas: 1.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop-app:a3f91bc\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-postgres\n  namespace: platform-vibe-shop\nspec:\n  replicas: 1\n  strategy:\n    type: Recreate\n  selector:\n    matchLabels:\n      app: shop-postgres\n  template:\n    metadata:\n      labels:\n        app: shop-postgres\n        app.kubernetes.io/component: database\n    spec:\n      containers:\n      - name: postgres\n        image: harbor.internal.example.com/dockerhub-proxy/postgres:16\n---\napiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: shop-app\n  minReplicas: 2\n  maxReplicas: 4\n  targetCPUUtilizationPercentage: 70\n"
        }
      ]
    }
  },
  "G1": {
    "failing": {
      "fixture": "fail.no-annotations.yaml",
      "files": [
        {
          "path": "fail.no-annotations.yaml",
          "text": "# The article's G1: the app's pod has no prometheus.io annotations, so it never shows up in Grafana.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.annotated.yaml",
      "files": [
        {
          "path": "pass.annotated.yaml",
          "text": "# App and exporter both carry the three annotations, on ports they declare.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8081\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/shop:0123abc\n          ports:\n            - { name: http, containerPort: 8081 }\n            - { name: mgmt, containerPort: 8082 }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-postgres-exporter\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-postgres-exporter }\n  template:\n    metadata:\n      labels:\n        app: shop-postgres-exporter\n        app.kubernetes.io/component: metrics-exporter\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"9187\"\n        prometheus.io/path: /metrics\n    spec:\n      containers:\n        - name: main\n          image: harbor.internal.example.com/dockerhub-proxy/prometheuscommunity/postgres-exporter:v0.15.0\n          ports:\n            - { name: metrics, containerPort: 9187 }\n"
        }
      ]
    }
  },
  "G2": {
    "failing": {
      "fixture": "fail.json-as-text.metrics",
      "files": [
        {
          "path": "fail.json-as-text.metrics",
          "text": "# content-type: text/plain; version=0.0.4\n{\"status\":\"UP\",\"metrics\":{\"requests\":1027}}\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.openmetrics.metrics",
      "files": [
        {
          "path": "pass.openmetrics.metrics",
          "text": "# content-type: application/openmetrics-text; version=1.0.0; charset=utf-8\n# TYPE orders_processed counter\n# HELP orders_processed Total orders processed.\norders_processed_total{status=\"fulfilled\"} 42.0 1735689600.123 # {trace_id=\"abc123\"} 1.0 1735689600.0\norders_processed_created{status=\"fulfilled\"} 1735689000.0\n# TYPE request_duration_seconds histogram\n# UNIT request_duration_seconds seconds\nrequest_duration_seconds_bucket{le=\"0.1\"} 5\nrequest_duration_seconds_bucket{le=\"+Inf\"} 6\nrequest_duration_seconds_count 6\nrequest_duration_seconds_sum 0.42\n# EOF\n"
        }
      ]
    }
  },
  "G3": {
    "failing": {
      "fixture": "fail.plaintext.log",
      "files": [
        {
          "path": "fail.plaintext.log",
          "text": "Server listening on port 8081\nINFO 2026-01-01 10:00:01 Order created ord-123\nERROR 2026-01-01 10:00:02 Payment failed: timeout\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.json.log",
      "files": [
        {
          "path": "pass.json.log",
          "text": "{\"time\":\"2026-01-01T10:00:00Z\",\"level\":\"info\",\"msg\":\"Server listening\",\"port\":8081}\n{\"time\":\"2026-01-01T10:00:01Z\",\"level\":\"info\",\"msg\":\"Order created\",\"order_id\":\"ord-123\",\"amount\":142.5}\n\n{\"time\":\"2026-01-01T10:00:02.123+01:00\",\"level\":\"error\",\"msg\":\"Payment failed\",\"order_id\":\"ord-124\",\"error\":\"timeout\"}\n"
        }
      ]
    }
  },
  "G4": {
    "failing": {
      "fixture": "fail.log-file-env.yaml",
      "files": [
        {
          "path": "fail.log-file-env.yaml",
          "text": "# No mount, but the app is told to log into a file (on a read-only or ephemeral filesystem).\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels: { app: shop-app }\n  template:\n    metadata:\n      labels: { app: shop-app }\n    spec:\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop:0123abc\n          env:\n            - name: LOG_FILE\n              value: /tmp/logs/app.log\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.vibe-env-nginx.yaml",
      "files": [
        {
          "path": "pass.vibe-env-nginx.yaml",
          "text": "# Generated by vibe-env for \"Inventory Checker\" (platform-vibe-inventory-checker).\n# Do not edit: change the answers and synthesize again.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    app: inventory-checker-nginx\n    app.kubernetes.io/component: reverse-proxy\n    app.kubernetes.io/instance: inventory-checker\n    app.kubernetes.io/managed-by: vibe-env\n    app.kubernetes.io/name: nginx\n    app.kubernetes.io/part-of: inventory-checker\n  name: inventory-checker-nginx\n  namespace: platform-vibe-inventory-checker\ndata:\n  nginx.conf: |\n    worker_processes 1;\n    pid /tmp/nginx.pid;\n    error_log /dev/stderr warn;\n\n    events {\n      worker_connections 1024;\n    }\n\n    http {\n      log_format json escape=json '{\"time\":\"$time_iso8601\",\"level\":\"info\",\"msg\":\"$request_method $uri $status\",'\n        '\"method\":\"$request_method\",\"path\":\"$uri\",\"status\":\"$status\",\"duration_s\":\"$request_time\",'\n        '\"bytes\":\"$body_bytes_sent\",\"request_id\":\"$request_id\"}';\n      access_log /dev/stdout json;\n      client_body_temp_path /tmp/client_body;\n      proxy_temp_path /tmp/proxy;\n      fastcgi_temp_path /tmp/fastcgi;\n      uwsgi_temp_path /tmp/uwsgi;\n      scgi_temp_path /tmp/scgi;\n      server_tokens off;\n      client_max_body_size 10m;\n\n      upstream app {\n        server inventory-checker-app:8081;\n        keepalive 16;\n      }\n\n      server {\n        listen 8080;\n        proxy_http_version 1.1;\n        proxy_set_header Connection \"\";\n        proxy_set_header Host $host;\n        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n        proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;\n        proxy_set_header X-Request-Id $request_id;\n\n        # The app's metrics are for the cluster's scraper only, never for the public route.\n        location = /metrics {\n          return 404;\n        }\n\n        location / {\n          proxy_pass http://app;\n        }\n      }\n\n      server {\n        listen 8082;\n        access_log off;\n        default_type application/json;\n        location = /liveness {\n          return 200 '{\"status\":\"UP\"}';\n        }\n        location = /readiness {\n          return 200 '{\"status\":\"UP\"}';\n        }\n        location / {\n          return 404 '{\"status\":\"NOT_FOUND\"}';\n        }\n      }\n    }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: inventory-checker-nginx\n    app.kubernetes.io/component: reverse-proxy\n    app.kubernetes.io/instance: inventory-checker\n    app.kubernetes.io/managed-by: vibe-env\n    app.kubernetes.io/name: nginx\n    app.kubernetes.io/part-of: inventory-checker\n  name: inventory-checker-nginx\n  namespace: platform-vibe-inventory-checker\nspec:\n  replicas: 2\n  revisionHistoryLimit: 3\n  selector:\n    matchLabels:\n      app: inventory-checker-nginx\n  template:\n    metadata:\n      annotations:\n        vibe-env.io/config-hash: 1276d4c80ff19008\n      labels:\n        app: inventory-checker-nginx\n        app.kubernetes.io/component: reverse-proxy\n        app.kubernetes.io/instance: inventory-checker\n        app.kubernetes.io/managed-by: vibe-env\n        app.kubernetes.io/name: nginx\n        app.kubernetes.io/part-of: inventory-checker\n    spec:\n      automountServiceAccountToken: false\n      containers:\n        - command:\n            - nginx\n            - -g\n            - daemon off;\n          image: harbor.internal.example.com/dockerhub-proxy/nginx:1.27\n          imagePullPolicy: IfNotPresent\n          livenessProbe:\n            failureThreshold: 3\n            httpGet:\n              path: /liveness\n              port: 8082\n            initialDelaySeconds: 10\n            periodSeconds: 10\n            timeoutSeconds: 5\n          name: nginx\n          ports:\n            - containerPort: 8080\n              name: http\n              protocol: TCP\n            - containerPort: 8082\n              name: mgmt\n              protocol: TCP\n          readinessProbe:\n            failureThreshold: 3\n            httpGet:\n              path: /readiness\n              port: 8082\n            initialDelaySeconds: 5\n            periodSeconds: 10\n            timeoutSeconds: 5\n          resources:\n            limits:\n              cpu: 200m\n              memory: 128Mi\n            requests:\n              cpu: 50m\n              memory: 64Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities:\n              drop:\n                - ALL\n            privileged: false\n            readOnlyRootFilesystem: true\n            runAsGroup: 101\n            runAsNonRoot: true\n            runAsUser: 101\n            seccompProfile:\n              type: RuntimeDefault\n          volumeMounts:\n            - mountPath: /etc/nginx/nginx.conf\n              name: config\n              readOnly: true\n              subPath: nginx.conf\n            - mountPath: /tmp\n              name: tmp\n      enableServiceLinks: false\n      securityContext:\n        fsGroup: 101\n        runAsGroup: 101\n        runAsNonRoot: true\n        runAsUser: 101\n        seccompProfile:\n          type: RuntimeDefault\n      volumes:\n        - configMap:\n            name: inventory-checker-nginx\n          name: config\n        - emptyDir:\n            sizeLimit: 64Mi\n          name: tmp\n---\napiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: inventory-checker-nginx\n    app.kubernetes.io/component: reverse-proxy\n    app.kubernetes.io/instance: inventory-checker\n    app.kubernetes.io/managed-by: vibe-env\n    app.kubernetes.io/name: nginx\n    app.kubernetes.io/part-of: inventory-checker\n  name: inventory-checker-nginx\n  namespace: platform-vibe-inventory-checker\nspec:\n  ports:\n    - name: http\n      port: 8080\n      protocol: TCP\n      targetPort: http\n  selector:\n    app: inventory-checker-nginx\n  type: ClusterIP\n"
        }
      ]
    }
  },
  "G5": {
    "failing": {
      "fixture": "fail.missing-msg.log",
      "files": [
        {
          "path": "fail.missing-msg.log",
          "text": "{\"time\":\"2026-01-01T10:00:00Z\",\"level\":\"info\",\"msg\":\"Server listening\"}\n{\"time\":\"2026-01-01T10:00:01Z\",\"level\":\"info\",\"order_id\":\"ord-123\"}\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.contract.log",
      "files": [
        {
          "path": "pass.contract.log",
          "text": "{\"time\":\"2026-01-01T10:00:00Z\",\"level\":\"info\",\"msg\":\"Server listening\",\"port\":8081}\n{\"time\":\"2026-01-01T10:00:01.250Z\",\"level\":\"INFO\",\"msg\":\"Order created\",\"order_id\":\"ord-123\",\"amount\":142.5}\n{\"time\":\"2026-01-01T11:00:02+01:00\",\"level\":\"error\",\"msg\":\"Payment failed\",\"order_id\":\"ord-124\"}\n"
        }
      ]
    }
  },
  "G6": {
    "failing": {
      "fixture": "fail.card-number.log",
      "files": [
        {
          "path": "fail.card-number.log",
          "text": "{\"time\":\"2026-01-01T10:00:01Z\",\"level\":\"info\",\"msg\":\"Payment accepted\",\"card\":\"4111 1111 1111 1111\",\"amount\":142.5}\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.clean.log",
      "files": [
        {
          "path": "pass.clean.log",
          "text": "{\"time\":\"2026-01-01T10:00:00Z\",\"level\":\"info\",\"msg\":\"Server listening\",\"port\":8081}\n{\"time\":\"2026-01-01T10:00:01Z\",\"level\":\"info\",\"msg\":\"Order created\",\"order_id\":\"ord-123\",\"amount\":142.5,\"user_id\":\"u-42\",\"ts_ms\":1735725601000}\n{\"time\":\"2026-01-01T10:00:02Z\",\"level\":\"info\",\"msg\":\"password reset requested\",\"user_id\":\"u-42\",\"password\":\"***\",\"password_reset\":true}\n{\"time\":\"2026-01-01T10:00:03Z\",\"level\":\"info\",\"msg\":\"Card check\",\"card_last4\":\"1111\",\"reference\":\"4111 1111 1111 1112\"}\n{\"time\":\"2026-01-01T10:00:04Z\",\"level\":\"info\",\"msg\":\"connected to rabbit@localhost and postgres://shop-postgres:5432/app\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}\n{\"time\":\"2026-01-01T10:00:05Z\",\"level\":\"warn\",\"msg\":\"Invalid password: must be at least 12 characters\",\"user_id\":\"u-42\"}\n{\"time\":\"2026-01-01T10:00:06Z\",\"level\":\"info\",\"msg\":\"GET /api/items 200\",\"user_agent\":\"Mozilla/5.0\",\"request_id\":\"7f3e2c1a-1234-5678-9abc-def012345678\"}\n"
        }
      ]
    }
  },
  "H1": {
    "failing": {
      "fixture": "fail.no-host.yaml",
      "files": [
        {
          "path": "fail.no-host.yaml",
          "text": "# The rule has no host, so the Ingress answers for every host name.\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: shop-app\n            port:\n              number: 8081\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.cluster-pattern.yaml",
      "files": [
        {
          "path": "pass.cluster-pattern.yaml",
          "text": "# The host follows {prefix}-{slug}.internal.example.com.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    app: shop-app\n  ports:\n  - name: http\n    port: 8081\n    targetPort: http\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  rules:\n  - host: platform-shop.internal.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: shop-app\n            port:\n              number: 8081\n  tls:\n  - hosts:\n    - platform-shop.internal.example.com\n"
        }
      ]
    }
  },
  "H2": {
    "failing": {
      "fixture": "fail.no-tls.yaml",
      "files": [
        {
          "path": "fail.no-tls.yaml",
          "text": "# No spec.tls: the host is served over plain HTTP.\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  rules:\n  - host: platform-shop.internal.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: shop-app\n            port:\n              number: 8081\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.tls-for-host.yaml",
      "files": [
        {
          "path": "pass.tls-for-host.yaml",
          "text": "# spec.tls lists the host.\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  rules:\n  - host: platform-shop.internal.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: shop-app\n            port:\n              number: 8081\n  tls:\n  - hosts:\n    - platform-shop.internal.example.com\n"
        }
      ]
    }
  },
  "H3": {
    "failing": {
      "fixture": "fail.no-class.yaml",
      "files": [
        {
          "path": "fail.no-class.yaml",
          "text": "# No class at all.\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  rules:\n  - host: platform-shop.internal.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: shop-app\n            port:\n              number: 8081\n  tls:\n  - hosts:\n    - platform-shop.internal.example.com\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.class-name.yaml",
      "files": [
        {
          "path": "pass.class-name.yaml",
          "text": "# spec.ingressClassName is the cluster's traefik.\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  rules:\n  - host: platform-shop.internal.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: shop-app\n            port:\n              number: 8081\n  tls:\n  - hosts:\n    - platform-shop.internal.example.com\n"
        }
      ]
    }
  },
  "H4": {
    "failing": {
      "fixture": "fail.service-missing.yaml",
      "files": [
        {
          "path": "fail.service-missing.yaml",
          "text": "# The backend Service is not in the manifests.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  rules:\n  - host: platform-shop.internal.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: shop-web\n            port:\n              number: 8081\n  tls:\n  - hosts:\n    - platform-shop.internal.example.com\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.named-backend-port.yaml",
      "files": [
        {
          "path": "pass.named-backend-port.yaml",
          "text": "# The backend names the Service port \"http\".\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    app: shop-app\n  ports:\n  - name: http\n    port: 8081\n    targetPort: http\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: platform-vibe-shop\nspec:\n  ingressClassName: traefik\n  rules:\n  - host: platform-shop.internal.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: shop-app\n            port:\n              name: http\n  tls:\n  - hosts:\n    - platform-shop.internal.example.com\n"
        }
      ]
    }
  },
  "S1": {
    "failing": {
      "fixture": "fail.no-seccomp.yaml",
      "files": [
        {
          "path": "fail.no-seccomp.yaml",
          "text": "# No seccomp profile on the pod or the container: the runtime runs it Unconfined.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.windows-pod.yaml",
      "files": [
        {
          "path": "pass.windows-pod.yaml",
          "text": "# A Windows pod: admission exempts it from the seccomp control (seccomp is Linux-only) from 1.25.\napiVersion: v1\nkind: Pod\nmetadata:\n  name: report-renderer\n  namespace: platform-vibe-shop\nspec:\n  automountServiceAccountToken: false\n  os:\n    name: windows\n  securityContext:\n    runAsNonRoot: true\n    windowsOptions:\n      hostProcess: false\n  containers:\n    - name: renderer\n      image: harbor.internal.example.com/report-renderer:2.0.1\n      resources:\n        requests:\n          cpu: 100m\n          memory: 128Mi\n        limits:\n          cpu: 200m\n          memory: 256Mi\n"
        }
      ]
    }
  },
  "S2": {
    "failing": {
      "fixture": "fail.pod-level-only.yaml",
      "files": [
        {
          "path": "fail.pod-level-only.yaml",
          "text": "# allowPrivilegeEscalation is not a pod securityContext field: only the container's value counts.\napiVersion: v1\nkind: Pod\nmetadata:\n  name: shop-debug\n  namespace: platform-vibe-shop\nspec:\n  securityContext:\n    allowPrivilegeEscalation: false\n    runAsNonRoot: true\n  containers:\n  - name: app\n    image: harbor.internal.example.com/shop-app:a3f91bc\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.windows-pod.yaml",
      "files": [
        {
          "path": "pass.windows-pod.yaml",
          "text": "# A Windows pod: admission exempts it from allowPrivilegeEscalation (Linux-only) from 1.25.\napiVersion: v1\nkind: Pod\nmetadata:\n  name: report-renderer\n  namespace: platform-vibe-shop\nspec:\n  automountServiceAccountToken: false\n  os:\n    name: windows\n  securityContext:\n    runAsNonRoot: true\n    windowsOptions:\n      hostProcess: false\n  containers:\n    - name: renderer\n      image: harbor.internal.example.com/report-renderer:2.0.1\n      resources:\n        requests:\n          cpu: 100m\n          memory: 128Mi\n        limits:\n          cpu: 200m\n          memory: 256Mi\n"
        }
      ]
    }
  },
  "S3": {
    "failing": {
      "fixture": "fail.privileged.yaml",
      "files": [
        {
          "path": "fail.privileged.yaml",
          "text": "# A privileged container can do anything on the node.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            privileged: true\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.clean.yaml",
      "files": [
        {
          "path": "pass.clean.yaml",
          "text": "# Host namespaces explicitly off, privileged false, an emptyDir and a plain containerPort.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      hostNetwork: false\n      hostPID: false\n      hostIPC: false\n      volumes:\n      - name: tmp\n        emptyDir: {}\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n            privileged: false\n          ports:\n          - name: http\n            containerPort: 8081\n"
        }
      ]
    }
  },
  "S4": {
    "failing": {
      "fixture": "fail.ephemeral-container.yaml",
      "files": [
        {
          "path": "fail.ephemeral-container.yaml",
          "text": "# A debug container added with kubectl debug runs privileged-escalating and keeps its capabilities.\napiVersion: v1\nkind: Pod\nmetadata:\n  name: shop-app-7d9f\n  namespace: platform-vibe-shop\nspec:\n  automountServiceAccountToken: false\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 1000\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: app\n    image: harbor.internal.example.com/shop-app:a3f91bc\n    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop: [ALL]\n  ephemeralContainers:\n  - name: debugger\n    image: harbor.internal.example.com/dockerhub-proxy/busybox:1.36\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.left-to-main-checks.yaml",
      "files": [
        {
          "path": "pass.left-to-main-checks.yaml",
          "text": "# The pod sets no seccomp profile: S1 reports it once for the pod (its fix covers the init container too), S4 adds nothing.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n      initContainers:\n        - name: wait-for-db\n          image: harbor.internal.example.com/dockerhub-proxy/debian:12-slim\n          resources:\n            requests:\n              cpu: 50m\n              memory: 64Mi\n            limits:\n              cpu: 200m\n              memory: 128Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    }
  },
  "S5": {
    "failing": {
      "fixture": "fail.service-account-true.yaml",
      "files": [
        {
          "path": "fail.service-account-true.yaml",
          "text": "# The pod leaves it to its ServiceAccount, which mounts the token.\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nautomountServiceAccountToken: true\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      serviceAccountName: shop-app\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop-app:a3f91bc\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.service-account-false.yaml",
      "files": [
        {
          "path": "pass.service-account-false.yaml",
          "text": "# The pod leaves it unset; the ServiceAccount it uses disables the token.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      serviceAccountName: shop-app\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop-app:a3f91bc\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nautomountServiceAccountToken: false\n"
        }
      ]
    }
  },
  "S6": {
    "failing": {
      "fixture": "fail.no-label.yaml",
      "files": [
        {
          "path": "fail.no-label.yaml",
          "text": "# The namespace leaves Pod Security at the cluster default (privileged).\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    managed-by: vibe-env\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.restricted.yaml",
      "files": [
        {
          "path": "pass.restricted.yaml",
          "text": "# The cluster itself refuses any pod that breaks Pod Security restricted.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n  labels:\n    managed-by: vibe-env\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: latest\n"
        }
      ]
    }
  },
  "S7": {
    "failing": {
      "fixture": "fail.git-repo-volume.yaml",
      "files": [
        {
          "path": "fail.git-repo-volume.yaml",
          "text": "# gitRepo volumes run git on the node; restricted refuses them.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      volumes:\n      - name: tmp\n        emptyDir: {}\n      - name: site\n        gitRepo:\n          repository: https://git.internal.example.com/shop/site.git\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.host-path-is-s3s.yaml",
      "files": [
        {
          "path": "pass.host-path-is-s3s.yaml",
          "text": "# A hostPath volume is refused by restricted too, but S3 reports it (one problem, one finding).\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      volumes:\n      - name: node-logs\n        hostPath:\n          path: /var/log\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    }
  },
  "S8": {
    "failing": {
      "fixture": "fail.selinux-user.yaml",
      "files": [
        {
          "path": "fail.selinux-user.yaml",
          "text": "# A pod-level SELinux user is never allowed.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n        seLinuxOptions:\n          user: system_u\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.runtime-default.yaml",
      "files": [
        {
          "path": "pass.runtime-default.yaml",
          "text": "# RuntimeDefault AppArmor (field and annotation) and the container_t SELinux type are allowed.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n      annotations:\n        container.apparmor.security.beta.kubernetes.io/app: runtime/default\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n            appArmorProfile:\n              type: RuntimeDefault\n            seLinuxOptions:\n              type: container_t\n"
        }
      ]
    }
  },
  "S9": {
    "failing": {
      "fixture": "fail.unsafe-sysctl.yaml",
      "files": [
        {
          "path": "fail.unsafe-sysctl.yaml",
          "text": "# kernel.msgmax is not namespaced per pod; baseline refuses it.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n        sysctls:\n        - name: kernel.msgmax\n          value: '65536'\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.safe-sysctls.yaml",
      "files": [
        {
          "path": "pass.safe-sysctls.yaml",
          "text": "# Safe sysctls of 1.28 and procMount: Default.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n        sysctls:\n        - name: net.ipv4.ip_unprivileged_port_start\n          value: \"80\"\n        - name: net.ipv4.ip_local_reserved_ports\n          value: '9090'\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n            procMount: Default\n"
        }
      ]
    }
  },
  "S10": {
    "failing": {
      "fixture": "fail.probe-host-at-1.34",
      "files": [
        {
          "path": "fail.probe-host-at-1.34/cluster.yaml",
          "text": "podSecurityVersion: \"1.34\"\n"
        },
        {
          "path": "fail.probe-host-at-1.34/manifests.yaml",
          "text": "# From 1.34 a probe may not name a host: the kubelet would call another machine.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          readinessProbe:\n            httpGet:\n              host: 10.0.0.1\n              path: /ready\n              port: 8081\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.probe-host-at-1.28.yaml",
      "files": [
        {
          "path": "pass.probe-host-at-1.28.yaml",
          "text": "# Before 1.34 admission does not check probe hosts (the default version is 1.28).\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          readinessProbe:\n            httpGet:\n              host: 10.0.0.1\n              path: /ready\n              port: 8081\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    }
  },
  "S11": {
    "failing": {
      "fixture": "fail.host-process.yaml",
      "files": [
        {
          "path": "fail.host-process.yaml",
          "text": "# A Windows HostProcess pod runs on the node itself (it needs hostNetwork too, which S3 reports).\napiVersion: v1\nkind: Pod\nmetadata:\n  name: node-agent\n  namespace: platform-vibe-shop\nspec:\n  automountServiceAccountToken: false\n  os:\n    name: windows\n  hostNetwork: true\n  securityContext:\n    runAsNonRoot: true\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: \"NT AUTHORITY\\\\SYSTEM\"\n  containers:\n    - name: agent\n      image: harbor.internal.example.com/node-agent:1.4.2\n      resources:\n        requests:\n          cpu: 100m\n          memory: 128Mi\n        limits:\n          cpu: 200m\n          memory: 256Mi\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.windows-pod.yaml",
      "files": [
        {
          "path": "pass.windows-pod.yaml",
          "text": "# A Windows pod without hostProcess. Admission exempts Windows pods from the Linux-only controls\n# (seccomp, capabilities, privilege escalation), so it needs none of them.\napiVersion: v1\nkind: Pod\nmetadata:\n  name: report-renderer\n  namespace: platform-vibe-shop\nspec:\n  automountServiceAccountToken: false\n  os:\n    name: windows\n  securityContext:\n    runAsNonRoot: true\n    windowsOptions:\n      hostProcess: false\n  containers:\n    - name: renderer\n      image: harbor.internal.example.com/report-renderer:2.0.1\n      resources:\n        requests:\n          cpu: 100m\n          memory: 128Mi\n        limits:\n          cpu: 200m\n          memory: 256Mi\n"
        }
      ]
    }
  },
  "S12": {
    "failing": {
      "fixture": "fail.rollout-unhardened.yaml",
      "files": [
        {
          "path": "fail.rollout-unhardened.yaml",
          "text": "# An Argo Rollout's pod template is a PodTemplateSpec; the pods it creates run as root, keep their\n# capabilities and have no seccomp profile, which restricted refuses.\napiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          securityContext:\n            privileged: true\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.rollout-hardened.yaml",
      "files": [
        {
          "path": "pass.rollout-hardened.yaml",
          "text": "# The same Rollout with the securityContext every vibe-env pod has.\napiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    }
  },
  "S13": {
    "failing": {
      "fixture": "fail.pod-uid-zero-under-override.yaml",
      "files": [
        {
          "path": "fail.pod-uid-zero-under-override.yaml",
          "text": "# The pod's runAsUser: 0 is overridden by the container's 1000; admission still refuses the pod-level 0.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 0\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n            runAsUser: 1000\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.inherited-value-is-a3s.yaml",
      "files": [
        {
          "path": "pass.inherited-value-is-a3s.yaml",
          "text": "# The pod's runAsUser: 0 is inherited by the container, so A3 reports it; S13 has nothing to add.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 0\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: harbor.internal.example.com/shop-app:a3f91bc\n          resources:\n            requests:\n              cpu: 200m\n              memory: 256Mi\n            limits:\n              cpu: 500m\n              memory: 512Mi\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n              - ALL\n"
        }
      ]
    }
  },
  "N1": {
    "failing": {
      "fixture": "fail.undeclared-number.yaml",
      "files": [
        {
          "path": "fail.undeclared-number.yaml",
          "text": "# targetPort 3000 is not declared by the app container.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    app: shop-app\n  ports:\n  - name: http\n    port: 80\n    targetPort: 3000\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.external-name.yaml",
      "files": [
        {
          "path": "pass.external-name.yaml",
          "text": "# An ExternalName Service selects nothing by design and is not judged; the ClusterIP Service\n# beside it is (one pass verdict, on Service/shop-app).\napiVersion: v1\nkind: Service\nmetadata:\n  name: payments\n  namespace: platform-vibe-shop\nspec:\n  type: ExternalName\n  externalName: payments.internal.example.com\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    app: shop-app\n  ports:\n  - port: 8081\n    targetPort: 8081\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop-app:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n"
        }
      ]
    }
  },
  "N2": {
    "failing": {
      "fixture": "fail.missing-target.yaml",
      "files": [
        {
          "path": "fail.missing-target.yaml",
          "text": "# The HPA scales Deployment/shop-api, which does not exist.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: shop-api\n  minReplicas: 2\n  maxReplicas: 4\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 70\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.targets-app.yaml",
      "files": [
        {
          "path": "pass.targets-app.yaml",
          "text": "# The HPA scales Deployment/shop-app, which is in the set.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: shop-app\n  minReplicas: 2\n  maxReplicas: 4\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 70\n"
        }
      ]
    }
  },
  "N3": {
    "failing": {
      "fixture": "fail.undeclared-number.yaml",
      "files": [
        {
          "path": "fail.undeclared-number.yaml",
          "text": "# The liveness probe checks 9000, which no container declares.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 9000\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.numbered.yaml",
      "files": [
        {
          "path": "pass.numbered.yaml",
          "text": "# Probes on 8082, declared by the container.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n"
        }
      ]
    }
  },
  "N4": {
    "failing": {
      "fixture": "fail.missing-namespace.yaml",
      "files": [
        {
          "path": "fail.missing-namespace.yaml",
          "text": "# The Service sets no namespace while the rest of the set is in platform-vibe-shop.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop-app\n  labels:\n    app: shop-app\nspec:\n  selector:\n    app: shop-app\n  ports:\n  - port: 8081\n"
        }
      ]
    },
    "passing": {
      "fixture": "pass.cluster-scoped.yaml",
      "files": [
        {
          "path": "pass.cluster-scoped.yaml",
          "text": "# A PersistentVolume has no namespace, as it should.\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-app\n  namespace: platform-vibe-shop\n  labels:\n    app: shop-app\nspec:\n  selector:\n    matchLabels:\n      app: shop-app\n  template:\n    metadata:\n      labels:\n        app: shop-app\n        app.kubernetes.io/component: application\n    spec:\n      containers:\n      - name: app\n        image: harbor.internal.example.com/shop:a3f91bc\n        ports:\n        - name: http\n          containerPort: 8081\n        - name: mgmt\n          containerPort: 8082\n        livenessProbe:\n          httpGet:\n            path: /liveness\n            port: 8082\n          timeoutSeconds: 5\n        readinessProbe:\n          httpGet:\n            path: /readiness\n            port: 8082\n          timeoutSeconds: 5\n        volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL\n      volumes:\n      - name: tmp\n        emptyDir: {}\n---\napiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: shop-pv\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes:\n  - ReadWriteOnce\n  hostPath:\n    path: /mnt/shop\n"
        }
      ]
    }
  }
};
