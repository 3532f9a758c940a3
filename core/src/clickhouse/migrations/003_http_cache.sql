-- Validators (ETag / Last-Modified) and the body of the last 200 answer per URL, so conditional
-- requests survive a restart and are shared by every scrape worker. Bodies compress well.
CREATE TABLE IF NOT EXISTS http_cache
(
    url String,
    etag String,
    last_modified String,
    body String CODEC(ZSTD(3)),
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY url;
