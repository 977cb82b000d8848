-- The Nexmark views as DuckDB tables, loaded from writeNexmarkCsv's person.csv / auction.csv /
-- bid.csv. {{DIR}} is the data directory and {{HEADER}} whether the files start with a header line
-- (Flink's csv format cannot skip one, so benchmark files may lack it); the runner fills both in.
-- Types and dialect are spelled out (auto_detect off): nothing is guessed from the data, and an
-- empty file loads as an empty table. The generator never produces NULL but can produce an empty
-- string (an auction's itemName made of zero words), which the CSV holds as an empty field: DuckDB
-- would read that as NULL, so every VARCHAR column is force_not_null, as Flink and Headwater read it. CREATE TABLE AS keeps file order (preserve_insertion_order
-- is on by default), so each table's rowid is the arrival order, which the Top-N and dedup
-- queries use to break ties the way Flink does.

CREATE TABLE person AS
SELECT * FROM read_csv('{{DIR}}/person.csv', header = {{HEADER}}, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {
  'id': 'BIGINT', 'name': 'VARCHAR', 'emailAddress': 'VARCHAR', 'creditCard': 'VARCHAR',
  'city': 'VARCHAR', 'state': 'VARCHAR', 'dateTime': 'TIMESTAMP', 'extra': 'VARCHAR'
}, force_not_null = ['name', 'emailAddress', 'creditCard', 'city', 'state', 'extra']);

CREATE TABLE auction AS
SELECT * FROM read_csv('{{DIR}}/auction.csv', header = {{HEADER}}, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {
  'id': 'BIGINT', 'itemName': 'VARCHAR', 'description': 'VARCHAR', 'initialBid': 'BIGINT',
  'reserve': 'BIGINT', 'dateTime': 'TIMESTAMP', 'expires': 'TIMESTAMP', 'seller': 'BIGINT',
  'category': 'BIGINT', 'extra': 'VARCHAR'
}, force_not_null = ['itemName', 'description', 'extra']);

CREATE TABLE bid AS
SELECT * FROM read_csv('{{DIR}}/bid.csv', header = {{HEADER}}, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {
  'auction': 'BIGINT', 'bidder': 'BIGINT', 'price': 'BIGINT', 'channel': 'VARCHAR', 'url': 'VARCHAR',
  'dateTime': 'TIMESTAMP', 'extra': 'VARCHAR'
}, force_not_null = ['channel', 'url', 'extra']);
