// Iran and the groups it funds and arms, with where each is based.
MATCH p = (:Country {id: 'iran'})-[:FUNDS|ARMS]->(g:Organization)
OPTIONAL MATCH b = (g)-[:BASED_IN]->()
RETURN p, b
