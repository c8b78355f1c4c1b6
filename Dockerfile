# Guest Invites bot: a production image (Azure Container Apps, or any container host).
#   docker build -t guest-invites .
#   docker run -p 3978:3978 --env-file <settings> guest-invites
# No secret is baked in: settings come from the environment at run time (see infra/README.md).

# Build stage: dev dependencies + TypeScript, emits dist/.
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY src ./src
RUN npm run build

# Run stage: production dependencies, the compiled bot and its card templates; nothing else.
FROM node:22-slim AS run
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts in production: none of the run-time packages needs one.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY cards ./cards
COPY pages ./pages
COPY locales ./locales
# The files stay root-owned and read-only to the process, which runs as the image's unprivileged user.
USER node
EXPOSE 3978
# slim has no curl: node itself asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly, not npm: SIGTERM reaches the bot, which drains its queue work before exiting.
CMD ["node", "dist/app/main.js"]
