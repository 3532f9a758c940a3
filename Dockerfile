# One image for every role; the role is chosen by the command (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY core/package.json core/
COPY scraper/package.json scraper/
COPY worker/package.json worker/
COPY api/package.json api/
COPY dashboard/package.json dashboard/
COPY cli/package.json cli/
COPY test/package.json test/
RUN npm ci --omit=optional --ignore-scripts || npm ci --ignore-scripts
COPY . .
RUN npm run build -w @stackradar/dashboard
ENV NODE_ENV=production
ENTRYPOINT ["node", "--import", "tsx", "cli/src/main.ts"]
CMD ["start"]
