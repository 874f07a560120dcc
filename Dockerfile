# The seeder and the GraphQL API, for docker compose. Neo4j itself runs from the official image.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY schema ./schema
COPY seed ./seed
COPY docs/browser ./docs/browser
ENV NODE_ENV=production
USER node
CMD ["npm", "run", "api"]
