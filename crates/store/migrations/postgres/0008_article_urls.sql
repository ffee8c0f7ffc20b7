-- One article per canonical address: an embed, a feed and an editor naming the same page
-- meet on one discussion, and two nodes creating it at once make one row.
CREATE UNIQUE INDEX articles_canonical_url ON articles (canonical_url) WHERE canonical_url <> '';
