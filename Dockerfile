# The seeder and the GraphQL API, for docker compose. Neo4j itself runs from the official image.
# Node 26 is the active LTS line (supported until April 2029); engines in package.json admits it.
FROM node:26-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# Runtime dependencies only: no test runner, type checker, benchmark tools or the peer library.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY src ./src
COPY schema ./schema
COPY seed ./seed
COPY assets/browser ./assets/browser
# The image's own unprivileged user: the processes cannot write to the code they run.
USER node
# node itself as the main process, so that Ctrl-C and docker stop reach the API, not npm.
CMD ["node", "--import", "tsx", "src/api/main.ts"]
