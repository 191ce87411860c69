// The demo application's manifest, web/demo/demo.yaml, as the module embeds it
// (web_cluster::load_demo). Kept equal to demo.yaml by the binding test
// (web/tests/binding.script, `demo-manifest`): edit both together.
#pragma once

#include <string_view>

namespace kubesim::web::demo {

namespace detail {
inline constexpr std::string_view manifest_literal = R"kubesim-demo(
# kubesim's demo application: a shop's checkout (docs/web.md, "The demo
# application"). traffic-generator POSTs http://api/checkout twice a second;
# api asks cache and database through their Services and answers 200, or 502
# when one of them fails. Every container has a health port (8081: /readyz,
# /livez) and a control port (9000: POST /not-ready, /ready, /not-live, /live;
# GET /state). The images are C++ classes (web/demo/demo_images.hpp).
apiVersion: v1
kind: Service
metadata:
  name: api
  labels:
    app: api
    app.kubernetes.io/part-of: kubesim-demo
spec:
  type: NodePort
  selector:
    app: api
  ports:
  - name: http
    port: 80
    targetPort: 8080
    nodePort: 30800
---
apiVersion: v1
kind: Service
metadata:
  name: database
  labels:
    app: database
    app.kubernetes.io/part-of: kubesim-demo
spec:
  selector:
    app: database
  ports:
  - name: sql
    port: 5432
    targetPort: 5432
---
apiVersion: v1
kind: Service
metadata:
  name: cache
  labels:
    app: cache
    app.kubernetes.io/part-of: kubesim-demo
spec:
  selector:
    app: cache
  ports:
  - name: cache
    port: 6379
    targetPort: 6379
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: database
  labels:
    app: database
    app.kubernetes.io/part-of: kubesim-demo
spec:
  replicas: 3
  selector:
    matchLabels:
      app: database
  template:
    metadata:
      labels:
        app: database
        app.kubernetes.io/part-of: kubesim-demo
    spec:
      terminationGracePeriodSeconds: 5
      containers:
      - name: database
        image: kubesim/demo-database:1.0
        ports:
        - name: sql
          containerPort: 5432
        - name: health
          containerPort: 8081
        - name: control
          containerPort: 9000
        readinessProbe:
          httpGet:
            path: /readyz
            port: 8081
          periodSeconds: 2
          failureThreshold: 1
        livenessProbe:
          httpGet:
            path: /livez
            port: 8081
          periodSeconds: 2
          failureThreshold: 2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
  labels:
    app: cache
    app.kubernetes.io/part-of: kubesim-demo
spec:
  replicas: 3
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
        app.kubernetes.io/part-of: kubesim-demo
    spec:
      terminationGracePeriodSeconds: 5
      containers:
      - name: cache
        image: kubesim/demo-cache:1.0
        ports:
        - name: cache
          containerPort: 6379
        - name: health
          containerPort: 8081
        - name: control
          containerPort: 9000
        readinessProbe:
          httpGet:
            path: /readyz
            port: 8081
          periodSeconds: 2
          failureThreshold: 1
        livenessProbe:
          httpGet:
            path: /livez
            port: 8081
          periodSeconds: 2
          failureThreshold: 2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
    app.kubernetes.io/part-of: kubesim-demo
spec:
  replicas: 3
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
        app.kubernetes.io/part-of: kubesim-demo
    spec:
      terminationGracePeriodSeconds: 5
      containers:
      - name: api
        image: kubesim/demo-api:1.0
        ports:
        - name: http
          containerPort: 8080
        - name: health
          containerPort: 8081
        - name: control
          containerPort: 9000
        readinessProbe:
          httpGet:
            path: /readyz
            port: 8081
          periodSeconds: 2
          failureThreshold: 1
        livenessProbe:
          httpGet:
            path: /livez
            port: 8081
          periodSeconds: 2
          failureThreshold: 2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: traffic-generator
  labels:
    app: traffic-generator
    app.kubernetes.io/part-of: kubesim-demo
spec:
  replicas: 3
  selector:
    matchLabels:
      app: traffic-generator
  template:
    metadata:
      labels:
        app: traffic-generator
        app.kubernetes.io/part-of: kubesim-demo
    spec:
      terminationGracePeriodSeconds: 5
      containers:
      - name: traffic-generator
        image: kubesim/demo-traffic-generator:1.0
        env:
        - name: TARGET_URL
          value: http://api/checkout
        - name: RATE
          value: "2"
        ports:
        - name: stats
          containerPort: 8080
        - name: health
          containerPort: 8081
        - name: control
          containerPort: 9000
        readinessProbe:
          httpGet:
            path: /readyz
            port: 8081
          periodSeconds: 2
          failureThreshold: 1
        livenessProbe:
          httpGet:
            path: /livez
            port: 8081
          periodSeconds: 2
          failureThreshold: 2
)kubesim-demo";
}  // namespace detail

// The text of demo.yaml (the literal's first newline dropped).
inline constexpr std::string_view manifest = detail::manifest_literal.substr(1);

}  // namespace kubesim::web::demo
