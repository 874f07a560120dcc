// Statements with their speakers and what they are about (the 25 most recently reported).
MATCH p = (:Entity)-[s:SAID]->(statement:Statement)
WITH p, statement ORDER BY s.lastReported DESC LIMIT 25
OPTIONAL MATCH a = (statement)-[:ABOUT]->(:Entity)
RETURN p, a
