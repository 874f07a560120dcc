// Everything the graph holds about one country, each fact with how many articles state it and its
// evidence, the most corroborated first.
MATCH (c:Country {id: 'turkey'})-[r]-(other:Entity)
RETURN c.name AS country, type(r) AS relationship, other.name AS other, startNode(r) = c AS outgoing,
       r.date AS date, r.sourceCount AS articles, r.evidence[0..3] AS evidence
ORDER BY articles DESC, relationship, other
LIMIT 100
