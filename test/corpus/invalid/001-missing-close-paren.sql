-- error: missing closing parenthesis after COUNT(*; the parser meets FROM while it expects ')'
-- at: 3:16
SELECT COUNT(* FROM customer_orders;
