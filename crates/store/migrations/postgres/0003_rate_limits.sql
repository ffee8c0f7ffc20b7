-- Rate limits: how often a key (an action by an account or an address) was seen in a fixed
-- window; shared by every node of a site.
CREATE TABLE rate_limits (
    key          TEXT    NOT NULL,
    window_start BIGINT NOT NULL,
    hits         BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limits_expiry ON rate_limits (expires_at);
