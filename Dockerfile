# syntax=docker/dockerfile:1
# The Sessions Gateway as a small, non-root production image.
#   docker build -t sessions-gateway .
#   docker run -p 4000:4000 --env-file .env sessions-gateway
# Written for Docker/BuildKit but NOT built or run here (no container engine on the
# development machines): treat it as reviewed, untested. See docs/operations.md.

ARG NODE_IMAGE=node:20.20-bookworm-slim

# 1. Compile TypeScript with the full (dev) toolchain.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --workspaces=false: the emulators (an npm workspace, used by demo mode and tests) are not
# needed to compile the gateway, and their folder is not copied.
RUN npm ci --workspaces=false --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY schema ./schema
RUN npm run build

# 2. Runtime dependencies only. npm installs workspaces even with --omit=dev, so
#    --workspaces=false keeps the emulators package and its dependencies (faker, find-my-way,
#    busboy, sift) out: the image cannot run demo mode, and says so in one line if asked.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --workspaces=false --no-audit --no-fund && npm cache clean --force

# 3. The image: compiled code, runtime node_modules, the SDL (read at boot), the trusted-
#    documents manifest; no compiler, no tests, no sources. Files stay root-owned and
#    read-only for the process, which runs as the unprivileged `node` user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    HOST=0.0.0.0
WORKDIR /app
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY schema ./schema
COPY examples/generated/persisted-documents.json ./examples/generated/persisted-documents.json
USER node
EXPOSE 4000
# /healthz answers while the process serves; orchestrators should use /readyz for traffic.
HEALTHCHECK --interval=15s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node receives SIGTERM directly (exec form, PID 1) and drains in-flight requests.
# The heap flag of `npm run start:prod` (docs/operations.md, "Memory"); a test keeps the two equal.
CMD ["node", "--max-old-space-size=512", "dist/src/index.js"]
