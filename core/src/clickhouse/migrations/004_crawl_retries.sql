-- A crawl unit that failed is retried later with backoff: count its failures since it last
-- succeeded, so the scheduler can space the retries out (reliability issue, item 0).
ALTER TABLE crawl_tasks ADD COLUMN IF NOT EXISTS failures UInt32 DEFAULT 0;
