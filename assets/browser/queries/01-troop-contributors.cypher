// Who sends troops to which force, coalition or mission (the evidence is on each relationship),
// the facts most articles state first.
MATCH p = (:Country)-[r:CONTRIBUTES_TROOPS_TO]->(:Organization)
RETURN p ORDER BY r.sourceCount DESC LIMIT 50
