-- Nexmark q3 (local item suggestion): sellers in OR / ID / CA with an auction in category 10.
-- Result: name VARCHAR, city VARCHAR, state VARCHAR, id BIGINT.
SELECT p.name, p.city, p.state, a.id
FROM auction AS a
JOIN person AS p ON a.seller = p.id
WHERE a.category = 10 AND p.state IN ('OR', 'ID', 'CA')
ORDER BY ALL;
