// Statements with their speakers and what they are about.
MATCH p = (:Entity)-[:SAID]->(s:Statement)
OPTIONAL MATCH a = (s)-[:ABOUT]->(:Entity)
RETURN p, a
