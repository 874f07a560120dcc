// Who sends troops to which force, coalition or mission (the evidence is on each relationship).
MATCH p = (:Country)-[:CONTRIBUTES_TROOPS_TO]->(:Organization)
RETURN p
