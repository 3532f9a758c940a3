# StackRadar image: one image, one role per container, chosen by ROLE (api, scheduler, scrape,
# extract, a comma list such as api,scheduler, or all: the embedded all-in-one mode), e.g.
#   docker build -t stackradar .                               # distributed roles (no chDB engine)
#   docker build -t stackradar:embedded --build-arg WITH_CHDB=true .   # also the all-in-one mode
#   docker run -e ROLE=scrape -e REDIS_URL=... -e CLICKHOUSE_URL=... stackradar
# Arguments after the image name run any other CLI command (`docker run stackradar sources test hn`).
# Stages: build (every dependency, dashboard build) → deps (production dependencies and the sources)
# → runtime (Debian's Chromium, no dev dependencies).
# scripts/docker-replica.ts replays this file step by step in a clean copy of the repo (CI has no
# container engine): keep RUN steps relative to WORKDIR, and system packages on their own
# `apt-get install` RUN line, which the replica checks on the host instead of installing.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY core/package.json core/
COPY scraper/package.json scraper/
COPY worker/package.json worker/
COPY api/package.json api/
COPY dashboard/package.json dashboard/
COPY cli/package.json cli/
COPY test/package.json test/
# Optional dependencies stay: they are the platform binaries vite (rollup) and tsx (esbuild) run on.
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w @stackradar/dashboard

FROM ${NODE_IMAGE} AS deps
# true: keep chDB's engine (~540 MB) for the all-in-one embedded mode (ROLE=all without CLICKHOUSE_URL).
ARG WITH_CHDB=false
WORKDIR /app
COPY package.json package-lock.json ./
COPY core/package.json core/
COPY scraper/package.json scraper/
COPY worker/package.json worker/
COPY api/package.json api/
COPY dashboard/package.json dashboard/
COPY cli/package.json cli/
COPY test/package.json test/
RUN npm ci --omit=dev --no-audit --no-fund
RUN if [ "$WITH_CHDB" != "true" ]; then rm -rf node_modules/@chdb; fi
COPY . .

FROM ${NODE_IMAGE} AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation \
    && rm -rf /var/lib/apt/lists/* && mkdir -p /data && chown node:node /data
WORKDIR /app
COPY --from=deps /app ./
COPY --from=build /app/dashboard/build dashboard/build
ENV NODE_ENV=production \
    ROLE=all \
    DATA_DIR=/data \
    CHROMIUM_PATH=/usr/bin/chromium
USER node
EXPOSE 3000
ENTRYPOINT ["sh", "scripts/docker-entrypoint.sh"]
