/**
 * The peer for `npm run bench:api`: the same graph served by @neo4j/graphql, with type definitions
 * of its own written for the questions the benchmark asks. Shortest paths and full-text search,
 * which it does not generate, are @cypher fields, as its users write them.
 */
import { createServer } from 'node:http';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config.ts';
import { FULLTEXT_INDEX } from '../src/model.ts';

export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Evidence @relationshipProperties {
    evidence: [String!]
    sources: [String!]
    date: String
    role: String
    forces: String
  }

  type Country @node(labels: ["Country", "Entity"]) {
    id: ID!
    name: String!
    code: String
    funds: [Organization!]! @relationship(type: "FUNDS", direction: OUT, properties: "Evidence")
    arms: [Organization!]! @relationship(type: "ARMS", direction: OUT, properties: "Evidence")
    hostileTo: [Country!]! @relationship(type: "HOSTILE_TO", direction: OUT, properties: "Evidence")
    threatens: [Country!]! @relationship(type: "THREATENS", direction: OUT, properties: "Evidence")
    contributesTroopsTo: [Organization!]! @relationship(type: "CONTRIBUTES_TROOPS_TO", direction: OUT, properties: "Evidence")
  }

  type Organization @node(labels: ["Organization", "Entity"]) {
    id: ID!
    name: String!
    kind: String
    troopContributors: [Country!]! @relationship(type: "CONTRIBUTES_TROOPS_TO", direction: IN, properties: "Evidence")
    basedInPlace: [Place!]! @relationship(type: "BASED_IN", direction: OUT, properties: "Evidence")
    basedInCountry: [Country!]! @relationship(type: "BASED_IN", direction: OUT, properties: "Evidence")
  }

  type Place @node(labels: ["Place", "Entity"]) {
    id: ID!
    name: String!
  }

  type SearchHit {
    id: ID!
    name: String!
    score: Float!
  }

  type Hop {
    type: String!
    subject: String!
    object: String!
    evidence: [String!]!
  }

  type Query {
    search(text: String!): [SearchHit!]!
      @cypher(
        statement: """
        CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', $text) YIELD node, score
        WITH node, score ORDER BY score DESC LIMIT 10
        RETURN {id: node.id, name: node.name, score: score} AS hit
        """
        columnName: "hit"
      )
    connection(from: ID!, to: ID!): [Hop!]!
      @cypher(
        statement: """
        MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
        MATCH p = shortestPath((a)-[*1..4]-(b)) WHERE all(x IN nodes(p) WHERE x:Entity)
        UNWIND relationships(p) AS r
        RETURN {type: type(r), subject: startNode(r).name, object: endNode(r).name, evidence: r.evidence} AS hop
        """
        columnName: "hop"
      )
  }
`;

if (import.meta.url === `file://${process.argv[1]}`) {
  // Like our API's default (API_SOURCE_MAPS=false): a server compiled to JavaScript maps no stack traces,
  // and neo4j-driver records one per query.
  process.setSourceMapsEnabled(false);
  const config = loadConfig();
  const driver = neo4j.driver(config.NEO4J_URI, neo4j.auth.basic(config.NEO4J_USERNAME, config.NEO4J_PASSWORD));
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
  const yoga = createYoga({ schema, context: { sessionConfig: { database: config.NEO4J_DATABASE } }, graphiql: false });
  createServer(yoga).listen(config.PORT, '127.0.0.1', () => console.log(`peer listening on ${config.PORT}`));
  process.once('SIGTERM', () => driver.close().then(() => process.exit(0)));
}
